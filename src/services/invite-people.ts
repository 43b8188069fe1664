// Inviting people and user groups into the incident (or workstream) channel.

import type { ServiceDeps } from "../deps.ts";
import { badInput } from "../domain/errors.ts";
import { assertIncidentOpen } from "../domain/incident/assert-open.ts";
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
    actorId: string;
    requestKey: string;
  },
): Promise<PeopleInvited> {
  if (!input.userIds.length && !input.groupIds.length)
    throw badInput("Name at least one person or user group to invite.");
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, input.incidentId);
    assertIncidentOpen(incident);
    await recordEvent(
      repos,
      incident,
      { kind: "people_invited", userIds: input.userIds, groupIds: input.groupIds },
      metaFor(deps, input.actorId, { workstreamId: input.workstreamId }),
      { context: effectContext(deps) },
    );
    return { kind: "people_invited", count: input.userIds.length + input.groupIds.length };
  });
}
