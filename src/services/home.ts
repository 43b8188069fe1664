// What a person's App Home shows: incidents they can see and the roles they hold now.

import type { Incident, RoleAssignment } from "../db/models.ts";
import type { Deps } from "../deps.ts";
import { type ListedIncident, listOpenIncidents } from "./incident-overviews.ts";
import { canSee } from "./visibility.ts";

export interface HomeModel {
  incidents: ListedIncident[];
  myRoles: { assignment: RoleAssignment; incident: Incident; workstream: string | null }[];
  now: Date;
}

export async function homeModel(deps: Deps, userId: string): Promise<HomeModel> {
  const { db } = deps.database;
  const incidents = await listOpenIncidents(deps, userId);
  const assignments = await db.roleAssignment.findMany({
    where: { userId, endedAt: null },
    orderBy: { startedAt: "desc" },
    take: 50,
  });
  const incidentRows = await db.incident.findMany({
    where: { id: { in: assignments.map((a) => a.incidentId) }, status: { not: "closed" } },
  });
  const byId = new Map(incidentRows.map((i) => [i.id, i]));
  const workstreams = await db.workstream.findMany({
    where: { id: { in: assignments.flatMap((a) => (a.workstreamId ? [a.workstreamId] : [])) } },
  });
  const wsName = new Map(workstreams.map((w) => [w.id, w.name]));
  const myRoles: HomeModel["myRoles"] = [];
  for (const assignment of assignments) {
    const incident = byId.get(assignment.incidentId);
    if (!incident || !(await canSee(deps, incident, userId))) continue;
    myRoles.push({
      assignment,
      incident,
      workstream: assignment.workstreamId ? (wsName.get(assignment.workstreamId) ?? null) : null,
    });
  }
  return {
    incidents,
    myRoles,
    now: deps.clock.now(),
  };
}
