// Recovery per region (or workstream) and per service: when it began to recover, when live
// data was back, when the historical backfill completed. From the recovery board (current
// state) and its history in the timeline.
import { asData, KINDS, str } from "../contract.ts";
import type { RecoverySection, RegionRecovery, RegressionRow, ServiceRecovery } from "../document.ts";
import { compareText, type Facts, iso, isoOrNull } from "../facts.ts";
import type { PostmortemServiceStatus } from "../input.ts";
import { type BoardHistory, RECOVERED_STATES, RECOVERING_STATES } from "./board-history.ts";
import { regionNames } from "./impact.ts";

/** Worse first. */
const SEVERITY_OF_STATE = ["outage", "degraded", "recovering", "recovered", "operational"];
const worse = (a: string | null, b: string): string => {
  if (a === null) return b;
  const ia = SEVERITY_OF_STATE.indexOf(a);
  const ib = SEVERITY_OF_STATE.indexOf(b);
  return ib >= 0 && (ia < 0 || ib < ia) ? b : a;
};

const keyOf = (service: string, region: string, phase: string) => `${service}\u0000${region}\u0000${phase}`;

interface History {
  firstReportedAt: Date;
  worstState: string | null;
  recoveringAt: Date | null;
}

function histories(facts: Facts): Map<string, History> {
  const map = new Map<string, History>();
  for (const entry of facts.byKind(KINDS.service)) {
    const d = asData(entry.data);
    const key = keyOf(str(d, "service"), str(d, "region"), str(d, "phase") || "live");
    const to = str(d, "to");
    let history = map.get(key);
    if (!history) {
      history = { firstReportedAt: entry.occurredAt, worstState: null, recoveringAt: null };
      map.set(key, history);
    }
    history.worstState = worse(history.worstState, to);
    if (RECOVERING_STATES.has(to) && !history.recoveringAt) history.recoveringAt = entry.occurredAt;
  }
  return map;
}

const phaseRank = (phase: string) => (phase === "live" ? 0 : 1);

function serviceRows(facts: Facts, history: Map<string, History>, board: BoardHistory): ServiceRecovery[] {
  const regressions = new Map<string, number>();
  for (const r of board.regressions) {
    const key = keyOf(r.change.service, r.change.region, r.change.phase);
    regressions.set(key, (regressions.get(key) ?? 0) + 1);
  }
  return [...facts.input.services]
    .sort(
      (a, b) =>
        compareText(a.service, b.service) ||
        compareText(a.region, b.region) ||
        phaseRank(a.phase) - phaseRank(b.phase),
    )
    .map((row) => {
      const h = history.get(keyOf(row.service, row.region, row.phase));
      return {
        service: row.service,
        region: row.region,
        phase: row.phase,
        firstReportedAt: isoOrNull(h?.firstReportedAt),
        worstState: h?.worstState ?? null,
        recoveringAt: isoOrNull(h?.recoveringAt),
        recoveredAt: isoOrNull(row.recoveredAt),
        state: row.state,
        note: row.note,
        regressions: regressions.get(keyOf(row.service, row.region, row.phase)) ?? 0,
      };
    });
}

/** The last recovery of the given rows when every one has recovered, else null. */
function allRecoveredAt(rows: PostmortemServiceStatus[]): Date | null {
  if (!rows.length || rows.some((r) => !RECOVERED_STATES.has(r.state) || !r.recoveredAt)) return null;
  return new Date(Math.max(...rows.map((r) => (r.recoveredAt as Date).getTime())));
}

function regionRows(facts: Facts, history: Map<string, History>, board: BoardHistory): RegionRecovery[] {
  const workstreams = new Map(facts.input.workstreams.map((w) => [w.name, w]));
  const workstreamResolved = new Map<number, Date>();
  for (const entry of facts.byKind(KINDS.workstreamStatus)) {
    const d = asData(entry.data);
    if (typeof d.workstreamId !== "number") continue;
    if (str(d, "to") === "resolved") workstreamResolved.set(d.workstreamId, entry.occurredAt);
    else workstreamResolved.delete(d.workstreamId);
  }
  return regionNames(facts).map((region) => {
    const rows = facts.input.services.filter((s) => s.region === region);
    const live = rows.filter((r) => r.phase !== "backfill");
    const backfill = rows.filter((r) => r.phase === "backfill");
    let firstRecovery: Date | null = null;
    for (const row of rows) {
      const at = history.get(keyOf(row.service, row.region, row.phase))?.recoveringAt;
      if (at && (!firstRecovery || at < firstRecovery)) firstRecovery = at;
    }
    const notRecovered = (list: PostmortemServiceStatus[]) =>
      [...new Set(list.filter((r) => !RECOVERED_STATES.has(r.state)).map((r) => r.service))].sort(
        compareText,
      );
    const workstream = workstreams.get(region);
    const resolvedAt =
      workstream && workstream.status === "resolved" ? workstreamResolved.get(workstream.id) : null;
    return {
      region,
      workstreamStatus: workstream?.status ?? null,
      workstreamResolvedAt: isoOrNull(resolvedAt),
      firstRecoveryAt: isoOrNull(firstRecovery),
      liveRecoveredAt: isoOrNull(allRecoveredAt(live)),
      liveNotRecovered: notRecovered(live),
      backfillCompleteAt: isoOrNull(allRecoveredAt(backfill)),
      backfillNotComplete: notRecovered(backfill),
      regressions: board.regressions.filter((r) => r.change.region === region).length,
    };
  });
}

function regressionRows(facts: Facts, board: BoardHistory): RegressionRow[] {
  return board.regressions.map(({ change, recoveredAt }) => ({
    at: iso(change.entry.occurredAt),
    service: change.service,
    region: change.region,
    phase: change.phase,
    recoveredAt: iso(recoveredAt),
    to: change.to,
    reportedBy: facts.personOrNull(change.entry.actorId),
    note: change.note,
  }));
}

export function recoverySection(facts: Facts, board: BoardHistory): RecoverySection {
  const history = histories(facts);
  return {
    regions: regionRows(facts, history, board),
    services: serviceRows(facts, history, board),
    regressions: regressionRows(facts, board),
  };
}
