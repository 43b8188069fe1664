// What a person's App Home shows: incidents they can see and the roles they hold now.
import type { Deps } from "../deps.ts";
import type { HomeModel } from "../slack/views/app-home.ts";
import { commandersOf } from "./commanders.ts";
import { canSee, visibleOpenIncidents } from "./visibility.ts";

export async function homeModel(deps: Deps, userId: string): Promise<HomeModel> {
  const { db } = deps.database;
  const incidents = await visibleOpenIncidents(deps, userId);
  const commanders = await commandersOf(
    db,
    incidents.map((i) => i.id),
  );
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
    incidents: incidents.map((incident) => ({ incident, commanderId: commanders.get(incident.id) ?? null })),
    myRoles,
    now: deps.clock.now(),
  };
}
