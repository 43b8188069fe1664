// `/incident handoff @user [--workstream name]`: the same handoff as at a shift change, started
// by hand at any time (an early departure, sickness). Starting one for command is for the
// commander and admins (COMMANDER_ONLY_ACTIONS "commander"); for a workstream, its lead too.

import type { Deps } from "../../deps.ts";
import { forbidden, invalidState, notFound } from "../../domain/errors.ts";
import { assertIncidentActive } from "../../domain/incident/assert-open.ts";
import { DEFAULT_ACCEPT_WITHIN_MS } from "../../domain/rotation/types.ts";
import { escapeMrkdwn, mentionUser } from "../../domain/text/mrkdwn.ts";
import { assertMay, currentCommander, isIncidentAdmin } from "../permissions.ts";
import type { HandoffStarted } from "../results.ts";
import { lockedIncident, runChange } from "../support.ts";
import { normaliseWorkstreamName } from "../workstreams.ts";
import { openHandoff } from "./prompt-handoff.ts";
import { currentHolder, scopeKey } from "./scopes.ts";

export async function startManualHandoff(
  deps: Deps,
  input: {
    incidentId: number;
    workstream: string | null;
    toUserId: string;
    actorId: string;
    requestKey: string;
  },
): Promise<HandoffStarted> {
  const workstreamName = input.workstream ? normaliseWorkstreamName(input.workstream) : null;
  return runChange(deps, input.requestKey, async (tx) => {
    const incident = await lockedIncident(deps, tx, input.incidentId);
    assertIncidentActive(incident, "there is nothing to hand over.");
    const workstream = workstreamName
      ? await tx.workstream.findUnique({
          where: { incidentId_name: { incidentId: incident.id, name: workstreamName } },
        })
      : null;
    if (workstreamName && !workstream)
      throw notFound(`There is no workstream \`${workstreamName}\`. \`/incident workstreams\` lists them.`);
    const scope = { incident, workstream };
    const holder = await currentHolder(tx, scope);
    const role = workstream ? `lead of \`${escapeMrkdwn(workstream.name)}\`` : "incident command";
    if (holder === input.toUserId)
      throw invalidState(`${mentionUser(input.toUserId)} already holds ${role}.`);
    if (!workstream) {
      if (holder) await assertMay(deps, tx, incident, input.actorId, "commander");
    } else if (holder && holder !== input.actorId) {
      const commander = await currentCommander(tx, incident.id);
      if (commander !== input.actorId && !(await isIncidentAdmin(deps, input.actorId))) {
        throw forbidden(
          `Only the lead of \`${escapeMrkdwn(workstream.name)}\` (${mentionUser(holder)}), the incident commander or an incident admin can hand it over.`,
        );
      }
    }
    const rotationName = workstream ? workstream.rotation : incident.rotation;
    const rotation = rotationName ? deps.rotations.get(rotationName) : undefined;
    const handoff = await openHandoff(deps, tx, {
      scope,
      rotation: rotation?.name ?? null,
      boundaryAt: null,
      fromUserId: holder,
      toUserId: input.toUserId,
      manual: true,
      actorId: input.actorId,
      acceptWithinMs: rotation?.acceptWithinMs ?? DEFAULT_ACCEPT_WITHIN_MS,
      dedupeKey: `${incident.id}:${scopeKey(scope)}:manual:${input.requestKey}`,
    });
    return {
      kind: "handoff_started",
      workstream: workstream?.name ?? null,
      toUserId: input.toUserId,
      holderId: holder,
      acceptBy: (handoff.acceptBy as Date).toISOString(),
    };
  });
}
