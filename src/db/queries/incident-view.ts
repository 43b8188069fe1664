// Everything the summary, board, topic and announcement show about one incident. Every pinned
// summary, board, topic and announcement refresh reads it, and during a burst those refreshes
// run on the event loop the burst's acknowledgements and the channel's update line wait on:
// as six model queries it cost 4–6 ms of CPU per read (Prisma compiles each one; on SQLite each
// was also a transaction of its own), measured on the 2-core VM with 5 workstreams and 30 board
// rows. It is now one statement returning one JSON value per table
// (src/db/queries/incident-view-statement.ts), on PostgreSQL sent straight to the pool and
// prepared (src/db/plain-statements.ts).
import type { IncidentView } from "../../domain/incident/incident-view.ts";
import type { Db, Tx } from "../client.ts";
import type { Provider } from "../database-url.ts";
import { toServiceStatus } from "../repositories/board.ts";
import { toIncident } from "../repositories/incidents.ts";
import { toRoleAssignment } from "../repositories/roles.ts";
import { toWorkstream } from "../repositories/workstreams.ts";
import { type IncidentViewRows, readViewRowsInOneStatement } from "./incident-view-statement.ts";

export type { IncidentView, WorkstreamView } from "../../domain/incident/incident-view.ts";

export async function loadIncidentView(
  db: Db | Tx,
  incidentId: number,
  provider: Provider,
): Promise<IncidentView | null> {
  const rows = await readViewRowsInOneStatement(db, incidentId, provider);
  return rows ? viewOf(rows) : null;
}

function viewOf(rows: IncidentViewRows): IncidentView {
  const { roles, workstreams, latestUpdate: update } = rows;
  const leads = new Map(roles.filter((r) => r.role === "lead").map((r) => [r.workstreamId, r.userId]));
  return {
    incident: toIncident(rows.incident),
    roles: roles.filter((r) => r.workstreamId === null).map(toRoleAssignment),
    workstreams: workstreams.map((w) => ({ ...toWorkstream(w), leadId: leads.get(w.id) ?? null })),
    services: rows.services.map(toServiceStatus),
    milestones: rows.milestones,
    latestUpdate: update
      ? {
          text: update.text ?? "",
          actorId: update.actorId,
          occurredAt: update.occurredAt,
          workstream: workstreams.find((w) => w.id === update.workstreamId)?.name ?? null,
        }
      : null,
  };
}
