// "Join" from the announcement: invites the person who clicked (never for private incidents).

import type { ServiceDeps } from "../deps.ts";
import { forbidden, notFound } from "../domain/errors.ts";
import { assertIncidentOpen } from "../domain/incident/assert-open.ts";
import type { Incident } from "../domain/incident/incident.ts";
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
  const episode = await joinEpisode(deps, incident, input.userId);
  await invitePeople(deps, {
    incidentId: incident.id,
    workstreamId: null,
    userIds: [input.userId],
    groupIds: [],
    actorId: input.userId,
    // One entry and one invite per time someone joins: double clicks (and a click while they
    // are in the channel) replay the answer; a click after they left invites them again.
    requestKey: `join:${incident.id}:${input.userId}:${episode}`,
  });
  return { kind: "joining_incident", incidentNumber: incident.number };
}

/**
 * Which time of joining this click belongs to: the number of earlier joins, or the last one
 * again while its invite is still on its way or the person is still in the channel.
 */
async function joinEpisode(deps: ServiceDeps, incident: Incident, userId: string): Promise<number> {
  const joins = await deps.store.read.timeline.selfJoins(incident.id, userId);
  if (joins === 0) return 0;
  // Checked before Slack: once the invite is no longer pending, Slack has them as a member.
  if (await deps.store.read.outbox.invitePending(incident.id, userId)) return joins - 1;
  if (!incident.channelId) return joins - 1;
  try {
    const members = await deps.directory.channelMembers(incident.channelId);
    return members.includes(userId) ? joins - 1 : joins;
  } catch (error) {
    // Cannot tell whether they left: invite again (Slack takes an invite of a member quietly).
    deps.logger.warn({ err: error, incidentId: incident.id }, "could not read channel members for a Join");
    return joins;
  }
}
