// GET /incidents, /incidents/<number>, /incidents/<number>/postmortem.md and .json: the internal
// incident pages, served by the bot's own HTTP server. Who is looking and whether they may read
// an incident is the WebAccess's business (src/http/web/viewer.ts); these routes never see a
// cookie. Data comes only from the Store's repositories, so the pages render while Slack is
// down (only a private incident's membership check needs Slack); the database down is a 503.
// An incident the viewer may not read answers exactly like a number that does not exist.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CustomRoute } from "@slack/bolt";
import type { Clock } from "../../clock/clock.ts";
import type { Repositories } from "../../db/repositories/store.ts";
import type { Incident } from "../../domain/incident/incident.ts";
import { renderJson } from "../../domain/postmortem/render.ts";
import { cachedNames, type NameResolver } from "../../services/postmortem/names.ts";
import type { DraftDocument } from "../../services/postmortem/render-draft.ts";
import type { Viewer, WebAccess } from "../web/viewer.ts";
import { loadIncidentList } from "./incident-list-model.ts";
import {
  draftMarkdown,
  loadIncidentPage,
  type PostmortemSettings,
  postmortemDraft,
} from "./incident-page-model.ts";
import { RecentDrafts } from "./recent-drafts.ts";
import { renderIncidentList, renderIncidentPage, renderProblemPage } from "./render-html.ts";
import { parseTimelineQuery } from "./timeline-query.ts";
import { showTime, viewerZone } from "./viewer-time.ts";

export interface IncidentPagesSource {
  access: WebAccess;
  /** The Store's reads (outside any transaction). */
  read: Repositories;
  clock: Clock;
  /** How the bot renders postmortem drafts (template, cadence, locale), so downloads match. */
  postmortem: PostmortemSettings;
  /**
   * People's names for the pages. Default: the names the bot remembers (no Slack call). The bot
   * passes one that asks Slack for the names it does not know, within a short wait.
   */
  names?: NameResolver;
  /** Logs a failure; the visitor only learns the page is unavailable. */
  onError(error: unknown, what: string): void;
}

/** Access checks in flight at once on the list (a private incident's may ask Slack). */
const ACCESS_CONCURRENCY = 8;

function securityHeaders(nonce: string): Record<string, string> {
  return {
    // Internal data: never stored by a browser or a proxy.
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "content-security-policy": `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
  };
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  extra: Record<string, string> = {},
  nonce = "",
): void {
  res.writeHead(status, {
    "content-type": `${type}; charset=utf-8`,
    ...securityHeaders(nonce),
    ...extra,
  });
  res.end(body);
}

const NOT_FOUND = {
  heading: "No such incident",
  message: "There is no incident with that number, or you cannot read it.",
};

/** `/incidents/42`, `/incidents/INC-42/postmortem.md` → 42; anything else → null. */
export function incidentNumberOf(pathname: string): number | null {
  const match = /^\/incidents\/(?:inc-)?(\d{1,9})(?:\/[^/]*)?$/i.exec(pathname);
  return match ? Number(match[1]) : null;
}

async function readable(
  access: WebAccess,
  viewer: Viewer,
  incidents: Incident[],
  onError: IncidentPagesSource["onError"],
): Promise<Incident[]> {
  const allowed = new Array<boolean>(incidents.length).fill(false);
  let next = 0;
  const worker = async () => {
    while (next < incidents.length) {
      const i = next++;
      const incident = incidents[i] as Incident;
      try {
        allowed[i] = await access.mayRead(viewer, {
          channelId: incident.channelId,
          isPrivate: incident.isPrivate,
        });
      } catch (error) {
        // Slack could not say (down, rate-limited): the incident is left out, never shown.
        onError(error, `could not check access to INC-${incident.number}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(ACCESS_CONCURRENCY, incidents.length) }, worker));
  return incidents.filter((_, i) => allowed[i]);
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Wraps a page: the viewer first (the WebAccess answers unsigned requests itself), then the
 * page's own work; anything that throws is logged and answered with a 503 page.
 */
function page(
  source: IncidentPagesSource,
  what: string,
  work: (context: {
    req: IncomingMessage;
    res: ServerResponse;
    viewer: Viewer;
    url: URL;
    zone: string;
    nonce: string;
    problem(status: number, problem: { heading: string; message: string }): void;
  }) => Promise<void>,
): Handler {
  return (req, res) => {
    const nonce = randomBytes(16).toString("base64");
    let zone = "UTC";
    let viewerName: string | null = null;
    const problem = (status: number, p: { heading: string; message: string }) =>
      send(
        res,
        status,
        "text/html",
        renderProblemPage(p, {
          viewer: viewerName,
          nonce,
          zone,
          generated: showTime(source.clock.now(), zone),
        }),
        {},
        nonce,
      );
    void (async () => {
      const viewer = await source.access.viewer(req, res);
      if (!viewer) return;
      zone = viewerZone(viewer.timeZone);
      viewerName = viewer.name || viewer.userId;
      const url = new URL(req.url ?? "/", "http://incident-pages.invalid");
      await work({ req, res, viewer, url, zone, nonce, problem });
    })().catch((error: unknown) => {
      source.onError(error, what);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      problem(503, {
        heading: "Temporarily unavailable",
        message: "This page cannot be shown right now (the bot cannot read its data); try again shortly.",
      });
    });
  };
}

/** The incident at this address if the viewer may read it; otherwise the 404 page was sent. */
async function readableIncident(
  source: IncidentPagesSource,
  viewer: Viewer,
  pathname: string,
  problem: (status: number, p: { heading: string; message: string }) => void,
): Promise<Incident | null> {
  const number = incidentNumberOf(pathname);
  const incident = number === null ? null : await source.read.incidents.byNumber(number);
  if (!incident) {
    problem(404, NOT_FOUND);
    return null;
  }
  let allowed: boolean;
  try {
    allowed = await source.access.mayRead(viewer, {
      channelId: incident.channelId,
      isPrivate: incident.isPrivate,
    });
  } catch (error) {
    // Only a private incident's check asks Slack; while Slack cannot answer, nobody is let in.
    source.onError(error, `could not check access to INC-${incident.number}`);
    problem(503, {
      heading: "Temporarily unavailable",
      message: "Whether you may read this incident cannot be checked right now; try again shortly.",
    });
    return null;
  }
  if (!allowed) {
    problem(404, NOT_FOUND);
    return null;
  }
  return incident;
}

export function incidentPageRoutes(source: IncidentPagesSource): CustomRoute[] {
  const names = source.names ?? cachedNames(source.read.userNames);
  const drafts = new RecentDrafts<DraftDocument>(source.clock);
  const list = page(source, "incident list could not be shown", async ({ res, viewer, zone, nonce }) => {
    const model = await loadIncidentList(source.read, {
      now: source.clock.now(),
      zone,
      teamId: viewer.teamId,
      readable: (incidents) => readable(source.access, viewer, incidents, source.onError),
      names,
    });
    send(
      res,
      200,
      "text/html",
      renderIncidentList(model, { viewer: viewer.name || viewer.userId, nonce }),
      {},
      nonce,
    );
  });

  const incidentPage = page(
    source,
    "incident page could not be shown",
    async ({ res, viewer, url, zone, nonce, problem }) => {
      const incident = await readableIncident(source, viewer, url.pathname, problem);
      if (!incident) return;
      const workstreams = await source.read.views.workstreamsWithLeads(incident.id);
      const query = parseTimelineQuery(url.searchParams, {
        zone,
        workstreams: workstreams.map((w) => w.name),
      });
      const model = await loadIncidentPage(source.read, incident, {
        now: source.clock.now(),
        zone,
        teamId: viewer.teamId,
        query,
        postmortem: source.postmortem,
        names,
        drafts,
        workstreams,
      });
      send(
        res,
        200,
        "text/html",
        renderIncidentPage(model, query, { viewer: viewer.name || viewer.userId, nonce }),
        {},
        nonce,
      );
    },
  );

  const download = (format: "md" | "json") =>
    page(source, `postmortem ${format} could not be made`, async ({ res, viewer, url, problem }) => {
      const incident = await readableIncident(source, viewer, url.pathname, problem);
      if (!incident) return;
      const draft = await postmortemDraft(source.read, incident, source.clock.now(), source.postmortem);
      const filename = format === "md" ? draft.filename : draft.filename.replace(/\.md$/, ".json");
      send(
        res,
        200,
        format === "md" ? "text/markdown" : "application/json",
        format === "md" ? draftMarkdown(draft, source.postmortem) : renderJson(draft.document),
        { "content-disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"` },
      );
    });

  return [
    { path: "/incidents", method: ["GET"], handler: list },
    { path: "/incidents/:number", method: ["GET"], handler: incidentPage },
    { path: "/incidents/:number/postmortem.md", method: ["GET"], handler: download("md") },
    { path: "/incidents/:number/postmortem.json", method: ["GET"], handler: download("json") },
  ];
}
