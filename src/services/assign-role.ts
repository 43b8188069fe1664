// Giving someone a role (or a workstream its lead). The previous holder's assignment ends.

import type { Tx } from "../db/client.ts";
import type { Deps } from "../deps.ts";
import { invalidState, notFound } from "../domain/errors.ts";
import { assertIncidentOpen } from "../domain/incident/assert-open.ts";
import { ROLE_TITLES, type Role } from "../domain/incident/roles.ts";
import { mentionUser } from "../domain/text/mrkdwn.ts";
import { recordEvent } from "../events/record-event.ts";
import { assertMay } from "./permissions.ts";
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

async function holderOf(
  tx: Tx,
  incidentId: number,
  role: Role,
  workstreamId: number | null,
): Promise<string | null> {
  const current = await tx.roleAssignment.findFirst({
    where: { incidentId, role, workstreamId, endedAt: null },
    orderBy: { startedAt: "desc" },
  });
  return current?.userId ?? null;
}

export async function assignRole(deps: Deps, input: RoleAssignmentInput): Promise<RoleAssigned> {
  return runChange(deps, input.requestKey, async (tx) => {
    const incident = await lockedIncident(deps, tx, input.incidentId);
    assertIncidentOpen(incident);
    let workstreamName: string | null = null;
    if (input.workstreamId) {
      const workstream = await tx.workstream.findUnique({ where: { id: input.workstreamId } });
      if (!workstream || workstream.incidentId !== incident.id)
        throw notFound("That workstream does not exist.");
      workstreamName = workstream.name;
    }
    const previous = await holderOf(tx, incident.id, input.role, input.workstreamId);
    if (previous === input.userId) {
      throw invalidState(`${mentionUser(input.userId)} already is ${ROLE_TITLES[input.role].toLowerCase()}.`);
    }
    if (input.role === "commander" && previous && !input.handoffId) {
      await assertMay(deps, tx, incident, input.actorId, "commander");
    }
    await recordEvent(
      tx,
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
