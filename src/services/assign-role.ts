// Giving someone a role (or a workstream its lead). The previous holder's assignment ends.
import type { ServiceDeps } from "../deps.ts";
import { invalidState, notFound } from "../domain/errors.ts";
import { assertIncidentOpen } from "../domain/incident/assert-open.ts";
import { ROLE_TITLES, type Role } from "../domain/incident/roles.ts";
import { mentionUser } from "../domain/text/mrkdwn.ts";
import { recordEvent } from "../events/record-event.ts";
import { adminFor, assertMayChangeLeader, isIncidentAdmin } from "./permissions.ts";
import type { RoleAssigned } from "./results.ts";
import { effectContext, lockedIncident, metaFor, runChange } from "./support.ts";

export interface RoleAssignmentInput {
  incidentId: number;
  role: Role;
  userId: string;
  /** For `lead`: the workstream. */
  workstreamId: number | null;
  /** Where the command was typed (a workstream channel records the entry for it). */
  contextWorkstreamId: number | null;
  actorId: string;
  requestKey: string;
  handoffId?: number | null;
}

export async function assignRole(deps: ServiceDeps, input: RoleAssignmentInput): Promise<RoleAssigned> {
  // Accepting a handoff was allowed when the handoff started; any other change of who leads
  // (command, a workstream's lead) follows the one rule in permissions.ts. Admin groups come
  // from Slack, so they are read before the transaction.
  const leading = (input.role === "commander" || input.role === "lead") && !input.handoffId;
  const actor = {
    id: input.actorId,
    isAdmin:
      leading &&
      (input.role === "lead"
        ? await isIncidentAdmin(deps, input.actorId)
        : await adminFor(deps, input.actorId, "commander")),
  };
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, input.incidentId);
    assertIncidentOpen(incident);
    const workstream = input.workstreamId ? await repos.workstreams.byId(input.workstreamId) : null;
    if (input.workstreamId && (!workstream || workstream.incidentId !== incident.id))
      throw notFound("That workstream does not exist.");
    const workstreamName = workstream?.name ?? null;
    const previous = await repos.roles.holder(incident.id, input.role, input.workstreamId);
    if (previous === input.userId) {
      throw invalidState(`${mentionUser(input.userId)} already is ${ROLE_TITLES[input.role].toLowerCase()}.`);
    }
    if (leading) await assertMayChangeLeader(deps, repos, { incident, workstream }, previous, actor);
    await recordEvent(
      repos,
      incident,
      {
        kind: "role_assigned",
        role: input.role,
        userId: input.userId,
        previousUserId: previous,
        workstreamId: input.workstreamId,
        workstream: workstreamName,
        handoffId: input.handoffId ?? null,
      },
      metaFor(deps, input.actorId, { workstreamId: input.contextWorkstreamId ?? input.workstreamId }),
      { context: effectContext(deps) },
    );
    return { kind: "role_assigned", role: input.role, userId: input.userId, workstream: workstreamName };
  });
}
