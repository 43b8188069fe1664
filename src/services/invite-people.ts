// Inviting people and user groups into the incident (or workstream) channel.

import type { ServiceDeps } from "../deps.ts";
import { badInput } from "../domain/errors.ts";
import { assertIncidentOpen } from "../domain/incident/assert-open.ts";
import type { InvitedGroup } from "../domain/timeline/events.ts";
import { recordEvent } from "../events/record-event.ts";
import type { PeopleInvited } from "./results.ts";
import { effectContext, lockedIncident, metaFor, runChange } from "./support.ts";

export async function invitePeople(
  deps: ServiceDeps,
  input: {
    incidentId: number;
    workstreamId: number | null;
    userIds: string[];
    groupIds: string[];
    /** Handles the mentions carried, by group ID. */
    groupHandles?: Record<string, string>;
    actorId: string;
    requestKey: string;
  },
): Promise<PeopleInvited> {
  if (!input.userIds.length && !input.groupIds.length)
    throw badInput("Name at least one person or user group to invite.");
  // Who is in each group now, asked of Slack before the transaction: the postmortem counts them.
  const groups = await invitedGroups(deps, input.groupIds, input.groupHandles ?? {});
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, input.incidentId);
    assertIncidentOpen(incident);
    await recordEvent(
      repos,
      incident,
      { kind: "people_invited", userIds: input.userIds, groupIds: input.groupIds, groups },
      metaFor(deps, input.actorId, { workstreamId: input.workstreamId }),
      { context: effectContext(deps) },
    );
    const people = new Set([...input.userIds, ...groups.flatMap((g) => g.memberIds ?? [])]);
    return {
      kind: "people_invited",
      count: input.userIds.length + input.groupIds.length,
      people: people.size,
      groups: groups.length,
      groupsUncounted: groups.filter((g) => g.memberIds === null).length,
    };
  });
}

/** Each group's members, or null for a group Slack would not list (it is still invited). */
export async function invitedGroups(
  deps: Pick<ServiceDeps, "directory">,
  groupIds: string[],
  handles: Record<string, string>,
): Promise<InvitedGroup[]> {
  return Promise.all(
    groupIds.map(async (id) => ({
      id,
      handle: handles[id] ?? null,
      memberIds: await deps.directory.groupMembers(id).then(
        (members) => [...new Set(members)],
        () => null,
      ),
    })),
  );
}
