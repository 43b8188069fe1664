// The recovery board replayed from the timeline: every service change in the order it
// happened, so the draft can say when each region first recovered, when live data was back
// everywhere, when each region's backfill completed, and every time something that had
// recovered broke again (a regression, such as a revert re-applying the bad change).

import type { EventOf } from "../../timeline/events.ts";
import { asData, KINDS, str } from "../contract.ts";
import type { Facts } from "../facts.ts";
import type { PostmortemEntry } from "../input.ts";

export const RECOVERED_STATES = new Set(["recovered", "operational"]);
export const RECOVERING_STATES = new Set(["recovering", "recovered", "operational"]);
const BROKEN_STATES = new Set(["degraded", "outage"]);

/**
 * One `service_status_changed` event with its entry. `region` is "" when the change applies to
 * every region; `from` is the state before from the replay (the event's own `from` for the
 * first change of its key).
 */
export type BoardChange = Omit<EventOf<"service_status_changed">, "kind"> & { entry: PostmortemEntry };

export interface Regression {
  change: BoardChange;
  /** When the key had last recovered before breaking again. */
  recoveredAt: Date;
}

export interface BoardHistory {
  changes: BoardChange[];
  regressions: Regression[];
  /** Per region, the first change into a recovering or recovered state. */
  firstRecovery: Map<string, BoardChange>;
  /** When every live row recovered for good (the last of them), if they all did. */
  liveBackEverywhere: BoardChange | null;
  /** Per region, when the last backfill row completed, if every backfill row there did. */
  backfillComplete: Map<string, BoardChange>;
}

export const boardKey = (service: string, region: string, phase: string): string =>
  `${service}\u0000${region}\u0000${phase}`;

function readChange(entry: PostmortemEntry, previous: string | undefined): BoardChange {
  const d = asData(entry.data);
  const from = str(d, "from");
  return {
    entry,
    service: str(d, "service"),
    region: str(d, "region"),
    phase: str(d, "phase") === "backfill" ? "backfill" : "live",
    from: previous ?? (from || null),
    to: str(d, "to"),
    note: str(d, "note") || entry.text,
  };
}

/** The latest change of each key whose final state is recovered, if every key's is. */
function lastRecoveries(latest: Map<string, BoardChange>, keys: string[]): BoardChange | null {
  let last: BoardChange | null = null;
  for (const key of keys) {
    const change = latest.get(key);
    if (!change || !RECOVERED_STATES.has(change.to)) return null;
    if (!last || change.entry.occurredAt > last.entry.occurredAt) last = change;
  }
  return last;
}

export function replayBoard(facts: Facts): BoardHistory {
  const state = new Map<string, string>();
  const lastRecovered = new Map<string, Date>();
  /** The change that last moved each key into a recovered state. */
  const recoveredBy = new Map<string, BoardChange>();
  const latest = new Map<string, BoardChange>();
  const changes: BoardChange[] = [];
  const regressions: Regression[] = [];
  const firstRecovery = new Map<string, BoardChange>();
  for (const entry of facts.byKind(KINDS.service)) {
    const probe = asData(entry.data);
    const key = boardKey(
      str(probe, "service"),
      str(probe, "region"),
      str(probe, "phase") === "backfill" ? "backfill" : "live",
    );
    const change = readChange(entry, state.get(key));
    changes.push(change);
    const wasRecovered = change.from !== null && RECOVERED_STATES.has(change.from);
    const since = lastRecovered.get(key);
    if (wasRecovered && BROKEN_STATES.has(change.to) && since)
      regressions.push({ change, recoveredAt: since });
    if (RECOVERED_STATES.has(change.to) && !wasRecovered) {
      lastRecovered.set(key, entry.occurredAt);
      recoveredBy.set(key, change);
    }
    if (RECOVERING_STATES.has(change.to) && !firstRecovery.has(change.region))
      firstRecovery.set(change.region, change);
    state.set(key, change.to);
    // A recovered key counts from the change that recovered it, not a later recovered → operational.
    latest.set(key, RECOVERED_STATES.has(change.to) ? (recoveredBy.get(key) ?? change) : change);
  }
  const keys = [...latest.keys()];
  const live = keys.filter((k) => k.endsWith("\u0000live"));
  const backfillByRegion = new Map<string, string[]>();
  for (const key of keys) {
    if (!key.endsWith("\u0000backfill")) continue;
    const region = key.split("\u0000")[1] as string;
    backfillByRegion.set(region, [...(backfillByRegion.get(region) ?? []), key]);
  }
  const backfillComplete = new Map<string, BoardChange>();
  for (const [region, regionKeys] of backfillByRegion) {
    const done = lastRecoveries(latest, regionKeys);
    if (done) backfillComplete.set(region, done);
  }
  return {
    changes,
    regressions,
    firstRecovery,
    liveBackEverywhere: live.length ? lastRecoveries(latest, live) : null,
    backfillComplete,
  };
}
