// `/incident handoff @user [--workstream name]`: the same handoff as at a shift change, started
// by hand at any time (an early departure, sickness). Starting one for command is for the
// commander and admins (COMMANDER_ONLY_ACTIONS "commander"); for a workstream, its lead too.
import type { ServiceDeps } from "../../deps.ts";
import { invalidState } from "../../domain/errors.ts";
import { assertIncidentActive } from "../../domain/incident/assert-open.ts";
import { DEFAULT_ACCEPT_WITHIN_MS } from "../../domain/rotation/types.ts";
import { escapeMrkdwn, mentionUser } from "../../domain/text/mrkdwn.ts";
import { leaderOf } from "../incident-scope.ts";
import { assertMayChangeLeader, isIncidentAdmin } from "../permissions.ts";
import type { HandoffStarted } from "../results.ts";
import { assertShownStill } from "../stale-form.ts";
import { lockedIncident, runChange } from "../support.ts";
import { normaliseWorkstreamName, requireNamedWorkstream } from "../workstreams.ts";
import { openHandoff } from "./prompt-handoff.ts";
import { scopeKey } from "./scopes.ts";

export async function startManualHandoff(
  deps: ServiceDeps,
  input: {
    incidentId: number;
    workstream: string | null;
    toUserId: string;
    actorId: string;
    requestKey: string;
    /** From a form: who it showed leading (null: nobody); someone else now is stale. */
    shownHolder?: string | null;
  },
): Promise<HandoffStarted> {
  const workstreamName = input.workstream ? normaliseWorkstreamName(input.workstream) : null;
  // Read before the transaction: admin groups come from Slack.
  const actor = { id: input.actorId, isAdmin: await isIncidentAdmin(deps, input.actorId) };
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, input.incidentId);
    assertIncidentActive(incident, "there is nothing to hand over.");
    const workstream = workstreamName
      ? await requireNamedWorkstream(repos.workstreams, incident.id, workstreamName)
      : null;
    const scope = { incident, workstream };
    const holder = await leaderOf(repos, scope);
    assertShownStill(input.shownHolder, holder, "Who leads", (u) => (u ? mentionUser(u) : "nobody"));
    const role = workstream ? `lead of \`${escapeMrkdwn(workstream.name)}\`` : "incident command";
    if (holder === input.toUserId)
      throw invalidState(`${mentionUser(input.toUserId)} already holds ${role}.`);
    await assertMayChangeLeader(deps, repos, scope, holder, actor);
    const rotationName = workstream ? workstream.rotation : incident.rotation;
    const rotation = rotationName ? deps.rotations.get(rotationName) : undefined;
    const handoff = await openHandoff(deps, repos, {
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
