// What a person's App Home shows: incidents they can see and the roles they hold now.

import type { ServiceDeps } from "../deps.ts";
import type { Incident } from "../domain/incident/incident.ts";
import type { RoleAssignment } from "../domain/incident/role-assignment.ts";
import { type ListedIncident, listOpenIncidents } from "./incident-overviews.ts";
import { visibilityOf } from "./visibility.ts";

export interface HomeModel {
  incidents: ListedIncident[];
  /** Private incidents left out because Slack could not say whether this person is a member. */
  unchecked: number;
  myRoles: { assignment: RoleAssignment; incident: Incident; workstream: string | null }[];
  /** Roles held in private incidents Slack could not confirm membership of just now: not shown. */
  rolesUnchecked: number;
  now: Date;
}

export async function homeModel(deps: ServiceDeps, userId: string): Promise<HomeModel> {
  const { read } = deps.store;
  // Every incident the person may see (the tab has room for hundreds of lines).
  const { items: incidents, unchecked } = await listOpenIncidents(deps, userId, {
    pageSize: Number.POSITIVE_INFINITY,
  });
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
  let rolesUnchecked = 0;
  for (const assignment of assignments) {
    const incident = byId.get(assignment.incidentId);
    if (!incident) continue;
    const visibility = await visibilityOf(deps, incident, userId);
    // Hidden, but never silently: the person holds the role and would otherwise think it ended.
    if (visibility === "unknown") rolesUnchecked++;
    if (visibility !== "visible") continue;
    myRoles.push({
      assignment,
      incident,
      workstream: assignment.workstreamId ? (wsName.get(assignment.workstreamId) ?? null) : null,
    });
  }
  return {
    incidents,
    unchecked,
    myRoles,
    rolesUnchecked,
    now: deps.clock.now(),
  };
}
