// How far the recovery board has come: rows per service and region, and the tallies the
// announcement and the public status page both show ("live data: 4/5 regions back · …").
// Pure, so the Slack board and the status page count exactly the same way.
import type { ServiceStatus } from "./service-status.ts";

export const RECOVERED_STATES = new Set(["recovered", "operational"]);

/** What counting needs of a board row (the status page has no more than this). */
export type BoardCell = Pick<ServiceStatus, "service" | "region" | "phase" | "state">;

export interface BoardRow<Cell extends BoardCell = ServiceStatus> {
  service: string;
  region: string;
  live: Cell | undefined;
  backfill: Cell | undefined;
}

/** Rows of the board: one per service and region, with its live and backfill states. */
export function boardRows<Cell extends BoardCell>(services: Cell[]): BoardRow<Cell>[] {
  const rows = new Map<string, BoardRow<Cell>>();
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

/**
 * "live data: 4/5 regions back · backfill: 1/5 regions complete": what stakeholders ask first.
 * A region is back when every service tracked there (or everywhere) has recovered in that phase.
 * Without regions on the board, the per-row tally.
 */
export function regionTally(services: BoardCell[]): string {
  const rows = boardRows(services);
  const regions = [...new Set(rows.flatMap((r) => (r.region ? [r.region] : [])))];
  if (!regions.length) return recoveryTally(services);
  const back = (phase: "live" | "backfill") => {
    const tracked = regions.filter((region) =>
      rows.some((r) => (r.region === region || !r.region) && r[phase]),
    );
    const done = tracked.filter((region) =>
      rows
        .filter((r) => (r.region === region || !r.region) && r[phase])
        .every((r) => RECOVERED_STATES.has(r[phase]?.state ?? "")),
    );
    return { tracked: tracked.length, done: done.length };
  };
  const live = back("live");
  const backfill = back("backfill");
  const parts = [live.tracked ? `live data: ${live.done}/${live.tracked} regions back` : ""];
  if (backfill.tracked) parts.push(`backfill: ${backfill.done}/${backfill.tracked} regions complete`);
  return parts.filter(Boolean).join(" · ");
}

/** "live data 3/7 recovered · backfill 1/4 complete" */
export function recoveryTally(services: BoardCell[]): string {
  const rows = boardRows(services);
  const live = rows.filter((r) => r.live);
  const backfill = rows.filter((r) => r.backfill);
  const liveDone = live.filter((r) => RECOVERED_STATES.has(r.live?.state ?? "")).length;
  const backfillDone = backfill.filter((r) => RECOVERED_STATES.has(r.backfill?.state ?? "")).length;
  const parts = [live.length ? `live data ${liveDone}/${live.length} recovered` : ""];
  if (backfill.length) parts.push(`backfill ${backfillDone}/${backfill.length} complete`);
  return parts.filter(Boolean).join(" · ");
}
