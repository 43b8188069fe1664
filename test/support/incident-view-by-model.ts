// The rows of an incident's view (src/db/queries/incident-view.ts) read by the model, as the bot
// read them before they were one statement: the reference that statement is tested against on
// both stores (test/integration/incident-view.test.ts).
import type { Db, Tx } from "../../src/db/client.ts";
import type { IncidentViewRows } from "../../src/db/queries/incident-view-statement.ts";

export async function readViewRowsByModel(db: Db | Tx, incidentId: number): Promise<IncidentViewRows | null> {
  const incident = await db.incident.findUnique({ where: { id: incidentId } });
  if (!incident) return null;
  const [roles, workstreams, services, milestones, latestUpdate] = await Promise.all([
    db.roleAssignment.findMany({
      where: { incidentId, endedAt: null },
      orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    }),
    db.workstream.findMany({ where: { incidentId }, orderBy: { id: "asc" } }),
    db.serviceStatus.findMany({
      where: { incidentId },
      orderBy: [{ service: "asc" }, { region: "asc" }, { phase: "desc" }],
    }),
    db.milestone.findMany({ where: { incidentId }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] }),
    incident.lastUpdateAt
      ? db.timelineEntry.findFirst({
          where: { incidentId, occurredAt: incident.lastUpdateAt, kind: "update_posted" },
          orderBy: { id: "desc" },
          select: { text: true, actorId: true, occurredAt: true, workstreamId: true },
        })
      : null,
  ]);
  return { incident, roles, workstreams, services, milestones, latestUpdate };
}
