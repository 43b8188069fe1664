// What a person's App Home shows: incidents they can see and the roles they hold now.
import type { ServiceDeps } from "../deps.ts";
import type { HomeModel } from "../slack/views/app-home.ts";
import { canSee, visibleOpenIncidents } from "./visibility.ts";

export async function homeModel(deps: ServiceDeps, userId: string): Promise<HomeModel> {
  const { read } = deps.store;
  const incidents = await visibleOpenIncidents(deps, userId);
  const commanders = await read.roles.holders(
    incidents.map((i) => i.id),
    "commander",
  );
  const assignments = await read.roles.ofUser(userId, 50);
  const incidentRows = await read.incidents.notClosedAmong([
    ...new Set(assignments.map((a) => a.incidentId)),
  ]);
  const byId = new Map(incidentRows.map((i) => [i.id, i]));
  const workstreams = await read.workstreams.byIds(
    assignments.flatMap((a) => (a.workstreamId ? [a.workstreamId] : [])),
  );
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
