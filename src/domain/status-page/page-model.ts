// The public status page as data: what /status, /status.json and /status.atom all show.
// Built only from published, non-private incidents; it carries titles, public updates and
// board states — never notes, internal updates, people or channels (the input has none, and
// nothing here adds any). Pure: the caller passes the rows and `now`.
import { type BoardCell, RECOVERED_STATES, regionTally } from "../incident/board-tally.ts";
import { isOpen, type Status } from "../incident/status.ts";
import { withoutFormatting } from "./plain-text.ts";
import { publicText } from "./public-text.ts";

/** What the public reads: no names, and no Slack formatting marks shown as literal asterisks. */
const shownText = (typed: string) => withoutFormatting(publicText(typed));

/** Resolved incidents stay on the page this long. */
export const RESOLVED_SHOWN_DAYS = 90;
/** While an incident is open the page reloads itself this often. */
export const OPEN_REFRESH_SECONDS = 60;

export type Phase = "live" | "backfill";

/** One published incident as the repository gives it (src/db/repositories/status-page.ts). */
export interface PublishedIncidentInput {
  number: number;
  title: string;
  status: Status;
  declaredAt: Date;
  publishedAt: Date;
  resolvedAt: Date | null;
  updates: { id: number; at: Date; text: string }[];
  board: (BoardCell & { updatedAt: Date })[];
}

export interface ComponentCell {
  state: string;
  since: string;
}

export interface StatusComponent {
  service: string;
  regions: { region: string; live: ComponentCell | null; backfill: ComponentCell | null }[];
}

export interface PublicIncident {
  number: number;
  title: string;
  status: Status;
  open: boolean;
  declaredAt: string;
  publishedAt: string;
  resolvedAt: string | null;
  /** "live data: 4/5 regions back · backfill: 1/5 regions complete" for this incident's board. */
  recovery: string;
  updates: { id: number; at: string; text: string }[];
}

export interface StatusPageModel {
  generatedAt: string;
  overall: { state: "operational" | "incident"; text: string };
  /** Across the open incidents' boards. */
  recovery: string;
  components: StatusComponent[];
  /** Open first, then resolved; newest first within each. */
  incidents: PublicIncident[];
  /** Seconds between reloads while an incident is open; null when all is quiet. */
  refreshSeconds: number | null;
}

/** Worse states sort first: what a customer must see when two incidents disagree. */
const SEVERITY: Record<string, number> = {
  outage: 0,
  degraded: 1,
  recovering: 2,
  recovered: 3,
  operational: 4,
};
const rank = (state: string) => SEVERITY[state] ?? 5;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The oldest resolution still shown at `now`. */
export const resolvedShownSince = (now: Date) => new Date(now.getTime() - RESOLVED_SHOWN_DAYS * DAY_MS);

interface Candidate {
  state: string;
  updatedAt: Date;
  open: boolean;
}

/**
 * A service's state in a region and phase: the worst among open incidents tracking it, else
 * the latest a resolved incident recorded.
 */
function pick(candidates: Candidate[]): ComponentCell | null {
  const open = candidates.filter((c) => c.open);
  const chosen = open.length
    ? open.sort((a, b) => rank(a.state) - rank(b.state) || b.updatedAt.getTime() - a.updatedAt.getTime())[0]
    : candidates.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())[0];
  return chosen ? { state: chosen.state, since: chosen.updatedAt.toISOString() } : null;
}

function components(incidents: PublishedIncidentInput[]): StatusComponent[] {
  const cells = new Map<string, Map<string, Record<Phase, Candidate[]>>>();
  for (const incident of incidents) {
    const open = isOpen(incident.status);
    for (const row of incident.board) {
      const regions = cells.get(row.service) ?? new Map<string, Record<Phase, Candidate[]>>();
      const phases = regions.get(row.region) ?? { live: [], backfill: [] };
      phases[row.phase].push({ state: row.state, updatedAt: row.updatedAt, open });
      regions.set(row.region, phases);
      cells.set(row.service, regions);
    }
  }
  return [...cells.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, regions]) => ({
      service,
      regions: [...regions.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([region, phases]) => ({ region, live: pick(phases.live), backfill: pick(phases.backfill) })),
    }));
}

export function buildStatusPage(incidents: PublishedIncidentInput[], now: Date): StatusPageModel {
  const since = resolvedShownSince(now);
  const shown = incidents.filter(
    (i) => isOpen(i.status) || !i.resolvedAt || i.resolvedAt.getTime() >= since.getTime(),
  );
  const open = shown.filter((i) => isOpen(i.status));
  const ordered = [...open, ...shown.filter((i) => !isOpen(i.status))];
  const board = components(shown);
  const openBoard = open.flatMap((i) => i.board);
  const allBack = board.every((c) =>
    c.regions.every(
      (r) =>
        (!r.live || RECOVERED_STATES.has(r.live.state)) &&
        (!r.backfill || RECOVERED_STATES.has(r.backfill.state)),
    ),
  );
  return {
    generatedAt: now.toISOString(),
    overall: open.length
      ? {
          state: "incident",
          text: `${open.length === 1 ? "1 incident is" : `${open.length} incidents are`} being worked on${allBack ? "" : "; some services are affected"}.`,
        }
      : { state: "operational", text: "No open incidents." },
    recovery: regionTally(openBoard),
    components: board,
    incidents: ordered.map((i) => ({
      number: i.number,
      title: shownText(i.title),
      status: i.status,
      open: isOpen(i.status),
      declaredAt: i.declaredAt.toISOString(),
      publishedAt: i.publishedAt.toISOString(),
      resolvedAt: i.resolvedAt?.toISOString() ?? null,
      recovery: regionTally(i.board),
      updates: [...i.updates]
        .sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id)
        .map((u) => ({ id: u.id, at: u.at.toISOString(), text: shownText(u.text) })),
    })),
    refreshSeconds: open.length ? OPEN_REFRESH_SECONDS : null,
  };
}
