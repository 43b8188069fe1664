// "Join" from the announcement: invites the person who clicked (never for private incidents).

import type { ServiceDeps } from "../deps.ts";
import { forbidden, notFound } from "../domain/errors.ts";
import { invitePeople } from "./invite-people.ts";

export async function joinIncident(
  deps: ServiceDeps,
  input: { incidentId: number; userId: string },
): Promise<{ text: string }> {
  const incident = await deps.store.read.incidents.byId(input.incidentId);
  if (!incident || incident.status === "closed") throw notFound("That incident is closed.");
  if (incident.isPrivate) throw forbidden("That incident is private; ask its commander to invite you.");
  const result = await invitePeople(deps, {
    incidentId: incident.id,
    workstreamId: null,
    userIds: [input.userId],
    groupIds: [],
    actorId: input.userId,
    // Joining is idempotent per person: double clicks and repeat visits record one entry.
    requestKey: `join:${incident.id}:${input.userId}`,
  });
  return result && { text: `:white_check_mark: Adding you to INC-${incident.number}'s channel.` };
}
