// GET /livez and GET /readyz. Live: the process serves HTTP (a supervisor restarts it when this
// stops answering). Ready: it may take traffic (a load balancer stops routing to it while not);
// see src/http/readiness.ts. Neither says anything about configuration or secrets.
import type { CustomRoute } from "@slack/bolt";
import { sendJson } from "./read-body.ts";
import type { Readiness } from "./readiness.ts";

export function livezRoute(): CustomRoute {
  return {
    path: "/livez",
    method: ["GET"],
    handler: (_req, res) => sendJson(res, 200, { status: "live" }),
  };
}

export function readyzRoute(readiness: Readiness): CustomRoute {
  return {
    path: "/readyz",
    method: ["GET"],
    handler: (_req, res) => {
      readiness.check().then(
        (report) =>
          sendJson(res, report.ready ? 200 : 503, {
            status: report.ready ? "ready" : "not ready",
            checks: report.checks,
          }),
        () => sendJson(res, 503, { status: "not ready" }),
      );
    },
  };
}
