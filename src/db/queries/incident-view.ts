// Everything the summary, board, topic and announcement show about one incident, read in a
// handful of indexed queries. The latest status update is found from the incident row: its
// `lastUpdateAt` is the newest update's occurredAt (updates are never deleted or moved, and
// the update_posted handler keeps the maximum), so no update means no query, and otherwise one
// equality seek on the (incidentId, occurredAt, id) index instead of sorting every update.
import type { IncidentView } from "../../domain/incident/incident-view.ts";
import type { Db, Tx } from "../client.ts";
import { toServiceStatus } from "../repositories/board.ts";
import { toIncident } from "../repositories/incidents.ts";
import { toRoleAssignment } from "../repositories/roles.ts";
import { toWorkstream } from "../repositories/workstreams.ts";

export type { IncidentView, WorkstreamView } from "../../domain/incident/incident-view.ts";

export async function loadIncidentView(db: Db | Tx, incidentId: number): Promise<IncidentView | null> {
  const incident = await db.incident.findUnique({ where: { id: incidentId } });
  if (!incident) return null;
  const [roles, workstreams, services, milestones, update] = await Promise.all([
    db.roleAssignment.findMany({ where: { incidentId, endedAt: null }, orderBy: { startedAt: "asc" } }),
    db.workstream.findMany({ where: { incidentId }, orderBy: { id: "asc" } }),
    db.serviceStatus.findMany({
      where: { incidentId },
      orderBy: [{ service: "asc" }, { region: "asc" }, { phase: "desc" }],
    }),
    db.milestone.findMany({ where: { incidentId }, orderBy: { occurredAt: "asc" } }),
    incident.lastUpdateAt
      ? db.timelineEntry.findFirst({
          where: { incidentId, occurredAt: incident.lastUpdateAt, kind: "update_posted" },
          orderBy: { id: "desc" },
          select: { text: true, actorId: true, occurredAt: true, workstreamId: true },
        })
      : null,
  ]);
  const leads = new Map(roles.filter((r) => r.role === "lead").map((r) => [r.workstreamId, r.userId]));
  return {
    incident: toIncident(incident),
    roles: roles.filter((r) => r.workstreamId === null).map(toRoleAssignment),
    workstreams: workstreams.map((w) => ({ ...toWorkstream(w), leadId: leads.get(w.id) ?? null })),
    services: services.map(toServiceStatus),
    milestones,
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
