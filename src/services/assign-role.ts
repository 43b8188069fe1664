// Giving someone a role (or a workstream its lead). The previous holder's assignment ends.
import type { ServiceDeps } from "../deps.ts";
import { badInput, invalidState, notFound } from "../domain/errors.ts";
import { assertIncidentOpen } from "../domain/incident/assert-open.ts";
import { ROLE_TITLES, type Role } from "../domain/incident/roles.ts";
import { mentionUser } from "../domain/text/mrkdwn.ts";
import { formatUtc } from "../domain/time/format.ts";
import { recordEvent } from "../events/record-event.ts";
import { adminFor, assertMayChangeLeader, isIncidentAdmin } from "./permissions.ts";
import type { RoleAssigned } from "./results.ts";
import { assertShownStill } from "./stale-form.ts";
import { asOf, effectContext, lockedIncident, metaFor, runChange } from "./support.ts";
import { entryTime } from "./timeline/entry-time.ts";

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
  /** When it happened (`--at`); now when null. */
  at?: Date | null;
  /** From a form: who it showed holding the role (null: nobody); someone else now is stale. */
  shownHolder?: string | null;
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
    assertShownStill(input.shownHolder, previous, `Who is ${ROLE_TITLES[input.role].toLowerCase()}`, (u) =>
      u ? mentionUser(u) : "nobody",
    );
    if (previous === input.userId) {
      throw invalidState(`${mentionUser(input.userId)} already is ${ROLE_TITLES[input.role].toLowerCase()}.`);
    }
    if (leading) await assertMayChangeLeader(deps, repos, { incident, workstream }, previous, actor);
    const occurredAt = await entryTime(deps, repos, incident, input.at ?? null);
    if (previous && input.at) {
      // A term cannot end before it began: the history of who held what must stay in order.
      const term = await repos.roles.latestTermOf(incident.id, input.role, input.workstreamId, previous);
      if (term && occurredAt < term.startedAt)
        throw badInput(
          `${mentionUser(previous)} took the role at ${formatUtc(term.startedAt, true)}; give a time after that.`,
        );
    }
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
      metaFor(deps, input.actorId, {
        workstreamId: input.contextWorkstreamId ?? input.workstreamId,
        occurredAt,
      }),
      { context: effectContext(deps) },
    );
    return {
      kind: "role_assigned",
      role: input.role,
      userId: input.userId,
      workstream: workstreamName,
      asOf: asOf(input.at, occurredAt),
    };
  });
}
