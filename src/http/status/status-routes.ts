// GET /status, /status.json and /status.atom: the public status page, served by the bot's own
// HTTP server in HTTP and Socket Mode alike. It reads only the database (through the status
// page repository), so it keeps answering while Slack is down.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CustomRoute } from "@slack/bolt";
import type { Clock } from "../../clock/clock.ts";
import type { PublishedIncident } from "../../db/repositories/status-page.ts";
import {
  buildStatusPage,
  resolvedShownSince,
  type StatusPageModel,
} from "../../domain/status-page/page-model.ts";
import { renderStatusAtom } from "./render-atom.ts";
import { renderStatusHtml } from "./render-html.ts";

export interface StatusPageSource {
  clock: Clock;
  /** Published, non-private incidents open or resolved since the given time. */
  publishedSince(since: Date): Promise<PublishedIncident[]>;
  /** Logs a failure to read the page (the visitor only learns it is unavailable). */
  onError(error: unknown): void;
  /** APP_BASE_URL: the feed's links use it; without it they are built from the Host header. */
  appBaseUrl?: string | undefined;
}

const HOST = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/;

/** Where the page is reached, for the feed's absolute links; a malformed Host is not echoed. */
function baseUrl(req: IncomingMessage): string {
  const host = req.headers.host && HOST.test(req.headers.host) ? req.headers.host : "localhost";
  const forwarded = req.headers["x-forwarded-proto"];
  const proto = forwarded === "https" ? "https" : "http";
  return `${proto}://${host}`;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    "content-type": `${type}; charset=utf-8`,
    "cache-control": "no-cache",
    "x-content-type-options": "nosniff",
    // The page needs its own inline style and one inline script, nothing from elsewhere.
    "content-security-policy":
      "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "referrer-policy": "no-referrer",
  });
  res.end(body);
}

function route(
  path: string,
  source: StatusPageSource,
  render: (page: StatusPageModel, req: IncomingMessage) => { type: string; body: string },
): CustomRoute {
  return {
    path,
    method: ["GET"],
    handler: (req, res) => {
      const now = source.clock.now();
      source.publishedSince(resolvedShownSince(now)).then(
        (incidents) => {
          const { type, body } = render(buildStatusPage(incidents, now), req);
          send(res, 200, type, body);
        },
        (error: unknown) => {
          source.onError(error);
          send(res, 503, "text/plain", "The status page is unavailable right now; try again shortly.");
        },
      );
    },
  };
}

export function statusPageRoutes(source: StatusPageSource): CustomRoute[] {
  return [
    route("/status", source, (page) => ({ type: "text/html", body: renderStatusHtml(page) })),
    route("/status.json", source, (page) => ({
      type: "application/json",
      body: JSON.stringify(page, null, 2),
    })),
    route("/status.atom", source, (page, req) => ({
      type: "application/atom+xml",
      body: renderStatusAtom(page, source.appBaseUrl ?? baseUrl(req)),
    })),
  ];
}
