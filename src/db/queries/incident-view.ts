// Everything the summary, board, topic and announcement show about one incident, read in a
// handful of indexed queries.
import type { Db, Tx } from "../client.ts";
import type { Incident, Milestone, RoleAssignment, ServiceStatus, Workstream } from "../models.ts";

export interface WorkstreamView extends Workstream {
  leadId: string | null;
}

export interface IncidentView {
  incident: Incident;
  /** Current incident-level roles (commander, comms, scribe, ops). */
  roles: RoleAssignment[];
  workstreams: WorkstreamView[];
  services: ServiceStatus[];
  milestones: Milestone[];
}

export async function loadIncidentView(db: Db | Tx, incidentId: number): Promise<IncidentView | null> {
  const incident = await db.incident.findUnique({ where: { id: incidentId } });
  if (!incident) return null;
  const [roles, workstreams, services, milestones] = await Promise.all([
    db.roleAssignment.findMany({ where: { incidentId, endedAt: null }, orderBy: { startedAt: "asc" } }),
    db.workstream.findMany({ where: { incidentId }, orderBy: { id: "asc" } }),
    db.serviceStatus.findMany({
      where: { incidentId },
      orderBy: [{ service: "asc" }, { region: "asc" }, { phase: "desc" }],
    }),
    db.milestone.findMany({ where: { incidentId }, orderBy: { occurredAt: "asc" } }),
  ]);
  const leads = new Map(roles.filter((r) => r.role === "lead").map((r) => [r.workstreamId, r.userId]));
  return {
    incident,
    roles: roles.filter((r) => r.workstreamId === null),
    workstreams: workstreams.map((w) => ({ ...w, leadId: leads.get(w.id) ?? null })),
    services,
    milestones,
  };
}

export function currentHolder(view: IncidentView, role: string): string | null {
  return view.roles.find((r) => r.role === role)?.userId ?? null;
}
