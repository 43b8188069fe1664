// Giving someone a role (or a workstream its lead). The previous holder's assignment ends.
import type { ServiceDeps } from "../deps.ts";
import { badInput, invalidState, notFound } from "../domain/errors.ts";
import { assertIncidentOpen } from "../domain/incident/assert-open.ts";
import { ROLE_TITLES, type Role } from "../domain/incident/roles.ts";
import { mentionUser } from "../domain/text/mrkdwn.ts";
import { formatUtc } from "../domain/time/format.ts";
import { recordEvent } from "../events/record-event.ts";
import { adminFor, assertMay } from "./permissions.ts";
import type { RoleAssigned } from "./results.ts";
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
}

export async function assignRole(deps: ServiceDeps, input: RoleAssignmentInput): Promise<RoleAssigned> {
  const restricted = input.role === "commander" && !input.handoffId;
  const actor = {
    id: input.actorId,
    isAdmin: restricted && (await adminFor(deps, input.actorId, "commander")),
  };
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, input.incidentId);
    assertIncidentOpen(incident);
    let workstreamName: string | null = null;
    if (input.workstreamId) {
      const workstream = await repos.workstreams.byId(input.workstreamId);
      if (!workstream || workstream.incidentId !== incident.id)
        throw notFound("That workstream does not exist.");
      workstreamName = workstream.name;
    }
    const previous = await repos.roles.holder(incident.id, input.role, input.workstreamId);
    if (previous === input.userId) {
      throw invalidState(`${mentionUser(input.userId)} already is ${ROLE_TITLES[input.role].toLowerCase()}.`);
    }
    if (input.role === "commander" && previous && !input.handoffId) {
      await assertMay(deps, repos, incident, actor, "commander");
    }
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
