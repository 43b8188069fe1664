// "Join" from the announcement: invites the person who clicked (never for private incidents).

import type { ServiceDeps } from "../deps.ts";
import { forbidden, notFound } from "../domain/errors.ts";
import { assertIncidentOpen } from "../domain/incident/assert-open.ts";
import { invitePeople } from "./invite-people.ts";
import type { JoiningIncident } from "./results.ts";

export async function joinIncident(
  deps: ServiceDeps,
  input: { incidentId: number; userId: string },
): Promise<JoiningIncident> {
  const incident = await deps.store.read.incidents.byId(input.incidentId);
  if (!incident) throw notFound("That incident no longer exists.");
  assertIncidentOpen(incident);
  if (incident.isPrivate) throw forbidden("That incident is private; ask its commander to invite you.");
  await invitePeople(deps, {
    incidentId: incident.id,
    workstreamId: null,
    userIds: [input.userId],
    groupIds: [],
    actorId: input.userId,
    // Joining is idempotent per person: double clicks and repeat visits record one entry.
    requestKey: `join:${incident.id}:${input.userId}`,
  });
  return { kind: "joining_incident", incidentNumber: incident.number };
}
