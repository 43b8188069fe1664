// GET /status, /status.json and /status.atom: the public status page, served by the bot's own
// HTTP server in HTTP and Socket Mode alike. It reads only the database (through the status
// page repository), so it keeps answering while Slack is down, and one read serves every view
// for STATUS_PAGE_CACHE (shared-page.ts), so its audience cannot slow the bot down.
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
import { type SharedPage, sharedPage } from "./shared-page.ts";

export interface StatusPageSource {
  clock: Clock;
  /** Published, non-private incidents open or resolved since the given time. */
  publishedSince(since: Date): Promise<PublishedIncident[]>;
  /** Logs a failed read of the page, once per read (the visitors only learn it is unavailable). */
  onError(error: unknown): void;
  /** APP_BASE_URL: the feed's links use it; without it they are built from the Host header. */
  appBaseUrl?: string | undefined;
  /** STATUS_PAGE_CACHE: how long one read serves every view (ms); null or absent: each view reads. */
  cacheMs?: number | null;
  /** Told of each database read the page makes (metrics). */
  onRead?(): void;
}

const HOST = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/;

/** Where the page is reached, for the feed's absolute links; a malformed Host is not echoed. */
function baseUrl(req: IncomingMessage): string {
  const host = req.headers.host && HOST.test(req.headers.host) ? req.headers.host : "localhost";
  const forwarded = req.headers["x-forwarded-proto"];
  const proto = forwarded === "https" ? "https" : "http";
  return `${proto}://${host}`;
}

function send(res: ServerResponse, status: number, type: string, body: string, cacheControl: string): void {
  res.writeHead(status, {
    "content-type": `${type}; charset=utf-8`,
    "cache-control": cacheControl,
    "x-content-type-options": "nosniff",
    // The page needs its own inline style and one inline script, nothing from elsewhere.
    "content-security-policy":
      "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "referrer-policy": "no-referrer",
  });
  res.end(body);
}

/**
 * What caches in front (a CDN, a proxy, the browser) may do: keep a page as long as the bot
 * itself serves one read (STATUS_PAGE_CACHE), so they take the same load off it; without it,
 * ask again every time.
 */
const cacheControlFor = (maxAgeMs: number | null) =>
  maxAgeMs === null ? "no-cache" : `public, max-age=${Math.max(1, Math.floor(maxAgeMs / 1000))}`;

/** One kind of page: its type, and its body from the model (under a key when it depends on the request). */
interface Rendering {
  type: string;
  key: string;
  render(page: StatusPageModel): string;
}

function route(
  path: string,
  page: SharedPage,
  cacheControl: string,
  rendering: (req: IncomingMessage) => Rendering,
): CustomRoute {
  return {
    path,
    method: ["GET"],
    handler: (req, res) => {
      page.current().then(
        (snapshot) => {
          const { type, key, render } = rendering(req);
          send(res, 200, type, snapshot.body(key, render), cacheControl);
        },
        () => {
          send(
            res,
            503,
            "text/plain",
            "The status page is unavailable right now; try again shortly.",
            "no-store",
          );
        },
      );
    },
  };
}

export function statusPageRoutes(source: StatusPageSource): CustomRoute[] {
  const maxAgeMs = source.cacheMs ?? null;
  const page = sharedPage({
    async load() {
      const now = source.clock.now();
      try {
        return buildStatusPage(await source.publishedSince(resolvedShownSince(now)), now);
      } catch (error) {
        // Once per failed read, not once per view waiting for it: while the database is down,
        // every view of a busy page would log the same error.
        source.onError(error);
        throw error;
      }
    },
    maxAgeMs,
    ...(source.onRead ? { onRead: source.onRead } : {}),
  });
  const cacheControl = cacheControlFor(maxAgeMs);
  return [
    route("/status", page, cacheControl, () => ({
      type: "text/html",
      key: "html",
      render: renderStatusHtml,
    })),
    route("/status.json", page, cacheControl, () => ({
      type: "application/json",
      key: "json",
      render: (model) => JSON.stringify(model, null, 2),
    })),
    route("/status.atom", page, cacheControl, (req) => {
      const base = source.appBaseUrl ?? baseUrl(req);
      return {
        type: "application/atom+xml",
        key: `atom ${base}`,
        render: (model) => renderStatusAtom(model, base),
      };
    }),
  ];
}
