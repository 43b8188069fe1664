// The recovery board: which services are back, where, for live data and for the backfill.
// One message in the incident channel, updated in place.

import type { IncidentView } from "../../domain/incident/incident-view.ts";
import type { ServiceStatus } from "../../domain/incident/service-status.ts";
import { escapeMrkdwn } from "../../domain/text/mrkdwn.ts";
import { formatUtc } from "../../domain/time/format.ts";
import { type Block, context, header, messageText, section } from "./blocks.ts";
import { chunkLines } from "./chunk-lines.ts";

const STATE_EMOJI: Record<string, string> = {
  outage: ":red_circle:",
  degraded: ":large_orange_circle:",
  recovering: ":large_blue_circle:",
  recovered: ":large_green_circle:",
  operational: ":large_green_circle:",
};

export const RECOVERED_STATES = new Set(["recovered", "operational"]);

export interface BoardRow {
  service: string;
  region: string;
  live: ServiceStatus | undefined;
  backfill: ServiceStatus | undefined;
}

/** Rows of the board: one per service and region, with its live and backfill states. */
export function boardRows(services: ServiceStatus[]): BoardRow[] {
  const rows = new Map<string, BoardRow>();
  for (const status of services) {
    const key = `${status.service}\u0000${status.region}`;
    const row = rows.get(key) ?? {
      service: status.service,
      region: status.region,
      live: undefined,
      backfill: undefined,
    };
    if (status.phase === "backfill") row.backfill = status;
    else row.live = status;
    rows.set(key, row);
  }
  return [...rows.values()];
}

/** "3 of 7 recovered (live) · backfill 1 of 4 complete" */
export function recoveryTally(services: ServiceStatus[]): string {
  const rows = boardRows(services);
  const live = rows.filter((r) => r.live);
  const backfill = rows.filter((r) => r.backfill);
  const liveDone = live.filter((r) => RECOVERED_STATES.has(r.live?.state ?? "")).length;
  const backfillDone = backfill.filter((r) => RECOVERED_STATES.has(r.backfill?.state ?? "")).length;
  const parts = [live.length ? `live data ${liveDone}/${live.length} recovered` : ""];
  if (backfill.length) parts.push(`backfill ${backfillDone}/${backfill.length} complete`);
  return parts.filter(Boolean).join(" · ");
}

function state(status: ServiceStatus | undefined): string {
  if (!status) return "—";
  return `${STATE_EMOJI[status.state] ?? ""} ${status.state}`;
}

export function recoveryBoard(view: IncidentView): { text: string; blocks: Block[] } {
  const rows = boardRows(view.services);
  const lines = rows.map((row) => {
    const where = row.region ? ` \`${escapeMrkdwn(row.region)}\`` : " _all regions_";
    // The note of whichever phase changed last (a finished backfill's note, not the old live one).
    const latest = [row.live, row.backfill]
      .filter((status): status is ServiceStatus => Boolean(status?.note))
      // On a tie the backfill's: it comes after live data is back.
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || (a.phase === "backfill" ? -1 : 1))[0];
    const note = latest?.note;
    return `*${escapeMrkdwn(row.service)}*${where} — live: ${state(row.live)} · backfill: ${state(row.backfill)}${note ? ` — _${escapeMrkdwn(note)}_` : ""}`;
  });
  const latest = view.services.reduce<Date | null>((m, s) => (!m || s.updatedAt > m ? s.updatedAt : m), null);
  const blocks: Block[] = [
    header(`Recovery board · INC-${view.incident.number}`),
    ...chunkLines(lines, "", 3).map((chunk) => section(chunk)),
    context([
      `${recoveryTally(view.services) || "No services tracked yet"}${latest ? ` · updated ${formatUtc(latest, true)}` : ""} · \`/incident service <name> <state> [--region r] [--phase live|backfill]\``,
    ]),
  ];
  return {
    text: messageText(`Recovery board for INC-${view.incident.number}: ${recoveryTally(view.services)}`),
    blocks,
  };
}
