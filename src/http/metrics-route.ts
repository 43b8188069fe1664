// GET /metrics: the Prometheus exposition (src/metrics/metrics.ts). With METRICS_TOKEN set, a
// scrape must send `Authorization: Bearer <token>`; anything else gets 401 and no numbers.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { CustomRoute } from "@slack/bolt";
import type { Metrics } from "../metrics/metrics.ts";

/** Compares digests, so neither the token's length nor its prefix leaks through timing. */
function authorized(req: IncomingMessage, token: string | undefined): boolean {
  if (!token) return true;
  const header = req.headers.authorization ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match?.[1]) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(match[1].trim()), digest(token));
}

export function metricsRoute(metrics: Metrics, token: string | undefined): CustomRoute {
  return {
    path: "/metrics",
    method: ["GET"],
    handler: (req, res) => {
      if (!authorized(req, token)) {
        res.writeHead(401, { "content-type": "text/plain", "www-authenticate": 'Bearer realm="metrics"' });
        res.end("unauthorized\n");
        return;
      }
      metrics.render().then(
        ({ contentType, body }) => {
          res.writeHead(200, { "content-type": contentType });
          res.end(body);
        },
        () => {
          res.writeHead(500, { "content-type": "text/plain" });
          res.end("metrics unavailable\n");
        },
      );
    },
  };
}
