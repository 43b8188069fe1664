// Inviting people and user groups into the incident (or workstream) channel.

import type { ServiceDeps } from "../deps.ts";
import { badInput, invalidState } from "../domain/errors.ts";
import { recordEvent } from "../events/record-event.ts";
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
): Promise<{ text: string }> {
  if (!input.userIds.length && !input.groupIds.length)
    throw badInput("Name at least one person or user group to invite.");
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, input.incidentId);
    if (incident.status === "closed") throw invalidState("This incident is closed.");
    await recordEvent(
      repos,
      incident,
      { kind: "people_invited", userIds: input.userIds, groupIds: input.groupIds },
      metaFor(deps, input.actorId, { workstreamId: input.workstreamId }),
      { context: effectContext(deps) },
    );
    const count = input.userIds.length + input.groupIds.length;
    return {
      text: `:white_check_mark: Inviting ${count === 1 ? "1 person or group" : `${count} people and groups`}.`,
    };
  });
}
