// What an operator's dashboard reads at scrape time (GET /metrics): open incidents by severity,
// handoffs waiting for acceptance, and the outbox backlog by kind. Counts only: no titles, no
// user IDs, nothing a label could leak.
import { PENDING_STATES } from "../../domain/handoff/state.ts";
import { OPEN_STATUSES } from "../../domain/incident/status.ts";
import type { Db } from "../client.ts";

export interface OutboxKindBacklog {
  kind: string;
  pending: number;
  oldestPendingAt: Date | null;
}

export interface OperationalCounts {
  /** Open (not resolved, not closed) incidents per severity 1-4. */
  openIncidentsBySeverity: Record<1 | 2 | 3 | 4, number>;
  handoffsPendingAcceptance: number;
  outbox: OutboxKindBacklog[];
}

export async function operationalCounts(db: Db): Promise<OperationalCounts> {
  const [incidents, handoffs, outbox] = await Promise.all([
    db.incident.groupBy({
      by: ["severity"],
      where: { status: { in: [...OPEN_STATUSES] } },
      _count: { _all: true },
    }),
    db.handoff.count({ where: { state: { in: [...PENDING_STATES] } } }),
    db.outboxMessage.groupBy({
      by: ["kind"],
      where: { status: "pending" },
      _count: { _all: true },
      _min: { createdAt: true },
    }),
  ]);
  const openIncidentsBySeverity = { 1: 0, 2: 0, 3: 0, 4: 0 };
  for (const row of incidents)
    if (row.severity >= 1 && row.severity <= 4)
      openIncidentsBySeverity[row.severity as 1 | 2 | 3 | 4] = row._count._all;
  return {
    openIncidentsBySeverity,
    handoffsPendingAcceptance: handoffs,
    outbox: outbox.map((row) => ({
      kind: row.kind,
      pending: row._count._all,
      oldestPendingAt: row._min.createdAt ?? null,
    })),
  };
}
