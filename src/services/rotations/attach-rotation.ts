// Attaching an incident (its command) or a workstream (its lead) to a rotation: from then on
// shift changes prompt handoffs there. The shift on duty now is invited, and takes the role
// when nobody holds it yet.
import type { Repositories } from "../../db/repositories/store.ts";
import type { ServiceDeps } from "../../deps.ts";
import { badInput, invalidState, notFound } from "../../domain/errors.ts";
import type { Incident } from "../../domain/incident/incident.ts";
import { isOpen } from "../../domain/incident/status.ts";
import type { Workstream } from "../../domain/incident/workstream.ts";
import { changesBetween, holderAt, rotationFills, teamAt } from "../../domain/rotation/duty.ts";
import type { Rotation } from "../../domain/rotation/types.ts";
import { escapeMrkdwn, mentionUser } from "../../domain/text/mrkdwn.ts";
import { formatUtc } from "../../domain/time/format.ts";
import { recordEvent } from "../../events/record-event.ts";
import { roleOf } from "../handoffs/scopes.ts";
import { leaderOf } from "../incident-scope.ts";
import { effectContext, lockedIncident, metaFor, runChange } from "../support.ts";
import { normaliseWorkstreamName } from "../workstreams.ts";

/** The rotation called `name`, or a refusal listing the ones there are. */
export function requireRotation(deps: ServiceDeps, name: string): Rotation {
  const rotation = deps.rotations.get(name);
  if (rotation) return rotation;
  const known = deps.rotations.names();
  if (!deps.rotations.configured) {
    throw notFound("No rotations are configured: set ROTATIONS_FILE to a rotations file (see README).");
  }
  throw notFound(
    `There is no rotation \`${escapeMrkdwn(name.slice(0, 60))}\`.${known.length ? ` Rotations: ${known.map((n) => `\`${n}\``).join(", ")}.` : ""}`,
  );
}

/** Attaches inside the caller's transaction (also used by declare --rotation). */
export async function attachInTransaction(
  deps: ServiceDeps,
  repos: Repositories,
  incident: Incident,
  workstream: Workstream | null,
  rotation: Rotation,
  actorId: string,
): Promise<string> {
  if (!isOpen(incident.status))
    throw invalidState("This incident is no longer active; its shifts no longer change.");
  const scope = { incident, workstream };
  const role = roleOf(scope);
  if (!rotationFills(rotation, role)) {
    const leads = [...new Set(rotation.shifts.flatMap((s) => Object.keys(s.leads)))];
    throw badInput(
      `Rotation \`${rotation.name}\` names no lead for \`${escapeMrkdwn(workstream?.name ?? "")}\` in any shift${leads.length ? ` (it has leads for ${leads.map((l) => `\`${l}\``).join(", ")})` : ""}. Add one to the rotations file, or attach the incident itself.`,
    );
  }
  if ((workstream ? workstream.rotation : incident.rotation) === rotation.name) {
    throw invalidState(
      `${workstream ? `Workstream \`${escapeMrkdwn(workstream.name)}\`` : "This incident"} is already attached to \`${rotation.name}\`.`,
    );
  }
  const now = deps.clock.now();
  const context = { context: effectContext(deps) };
  const workstreamId = workstream?.id ?? null;
  const recorded = await recordEvent(
    repos,
    incident,
    {
      kind: "rotation_attached",
      rotation: rotation.name,
      workstreamId,
      workstream: workstream?.name ?? null,
    },
    metaFor(deps, actorId, { workstreamId }),
    context,
  );

  const team = teamAt(rotation, now);
  const duty = holderAt(rotation, role, now);
  const people = workstream
    ? [...(duty ? [duty.userId] : []), ...team.members]
    : [...team.commanders, ...team.deputies, ...Object.values(team.leads), ...team.members];
  const users = [...new Set(people.filter((id) => /^[UW]/.test(id)))];
  const groups = [...new Set(people.filter((id) => id.startsWith("S")))];
  if (users.length || groups.length) {
    await recordEvent(
      repos,
      recorded.incident,
      { kind: "people_invited", userIds: users, groupIds: groups },
      metaFor(deps, actorId, { workstreamId }),
      context,
    );
  }

  const lines = [
    `:white_check_mark: ${workstream ? `Workstream \`${escapeMrkdwn(workstream.name)}\`` : "This incident"} follows rotation \`${rotation.name}\` now.`,
  ];
  const holder = await leaderOf(repos, { incident: recorded.incident, workstream });
  if (!holder && duty) {
    await recordEvent(
      repos,
      recorded.incident,
      {
        kind: "role_assigned",
        role: workstream ? "lead" : "commander",
        userId: duty.userId,
        previousUserId: null,
        workstreamId,
        workstream: workstream?.name ?? null,
        handoffId: null,
      },
      metaFor(deps, actorId, { workstreamId }),
      context,
    );
    lines.push(`${mentionUser(duty.userId)} (shift \`${duty.occurrence.shift.name}\`) takes the role now.`);
  } else if (duty) {
    lines.push(
      `On duty now: ${mentionUser(duty.userId)} (shift \`${duty.occurrence.shift.name}\`, until ${formatUtc(duty.occurrence.end, true)}).${holder && holder !== duty.userId ? ` ${mentionUser(holder)} keeps the role; hand it over with \`/incident handoff\` if you want the shift to take it now.` : ""}`,
    );
  } else {
    lines.push("Nobody in this rotation is on duty right now.");
  }
  if (users.length || groups.length)
    lines.push(`Inviting ${users.length + groups.length} people and groups from the shift.`);
  const next = changesBetween(rotation, role, now, new Date(now.getTime() + 8 * 86_400_000))[0];
  if (next) {
    const promptAt = new Date(next.boundaryAt.getTime() - rotation.promptBeforeMs);
    lines.push(
      `Next handoff: ${formatUtc(next.boundaryAt, true)} to ${mentionUser(next.toUserId)} (prompted at ${formatUtc(promptAt)}).`,
    );
  }
  return lines.join("\n");
}

export async function attachRotation(
  deps: ServiceDeps,
  input: {
    incidentId: number;
    /** The workstream named with --workstream, or the one whose channel this is. */
    workstream: string | null;
    rotation: string;
    actorId: string;
    requestKey: string;
  },
): Promise<{ text: string }> {
  const rotation = requireRotation(deps, input.rotation);
  const workstreamName = input.workstream ? normaliseWorkstreamName(input.workstream) : null;
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, input.incidentId);
    let workstream: Workstream | null = null;
    if (workstreamName) {
      workstream = await repos.workstreams.byName(incident.id, workstreamName);
      if (!workstream)
        throw notFound(`There is no workstream \`${workstreamName}\`. \`/incident workstreams\` lists them.`);
    }
    return { text: await attachInTransaction(deps, repos, incident, workstream, rotation, input.actorId) };
  });
}
