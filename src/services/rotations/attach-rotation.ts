// Attaching an incident (its command) or a workstream (its lead) to a rotation: from then on
// shift changes prompt handoffs there. The shift on duty now is invited, and takes the role
// when nobody holds it yet. A private (need-to-know) incident asks first: it lists who would be
// added and, once confirmed, invites only the people the rotation names; its user groups (whole
// teams) only when the commander or an admin confirms them too.
import type { Repositories } from "../../db/repositories/store.ts";
import type { ServiceDeps } from "../../deps.ts";
import { badInput, forbidden, invalidState, notFound } from "../../domain/errors.ts";
import { assertIncidentActive } from "../../domain/incident/assert-open.ts";
import type { Incident } from "../../domain/incident/incident.ts";
import type { Workstream } from "../../domain/incident/workstream.ts";
import { changesBetween, holderAt, rotationFills, teamAt } from "../../domain/rotation/duty.ts";
import type { Rotation } from "../../domain/rotation/types.ts";
import { escapeMrkdwn, mentionUser } from "../../domain/text/mrkdwn.ts";
import type { InvitedGroup } from "../../domain/timeline/events.ts";
import { recordEvent } from "../../events/record-event.ts";
import { roleOf } from "../handoffs/scopes.ts";
import { leaderOf } from "../incident-scope.ts";
import { invitedGroups } from "../invite-people.ts";
import { isIncidentAdmin } from "../permissions.ts";
import type { RotationAttached, RotationPreview } from "../results.ts";
import { effectContext, lockedIncident, metaFor, runChange } from "../support.ts";
import { normaliseWorkstreamName, requireNamedWorkstream } from "../workstreams.ts";

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
  options: {
    includeGroups?: boolean;
    /** The on-duty groups' members, read from Slack before the transaction (rotationGroups). */
    groups?: Map<string, InvitedGroup>;
  } = {},
): Promise<RotationAttached> {
  assertIncidentActive(incident, "its shifts no longer change.");
  // Whole teams join a need-to-know incident only when someone who may say so has said so.
  const includeGroups = options.includeGroups ?? !incident.isPrivate;
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

  const duty = holderAt(rotation, role, now);
  const onDuty = shiftOnDuty(rotation, scope, now);
  const users = onDuty.users;
  const groups = includeGroups ? onDuty.groups : [];
  if (users.length || groups.length) {
    await recordEvent(
      repos,
      recorded.incident,
      {
        kind: "people_invited",
        userIds: users,
        groupIds: groups,
        // Members counted when invited, like any invite of a group (null: Slack did not say).
        ...(groups.length
          ? { groups: groups.map((id) => options.groups?.get(id) ?? { id, handle: null, memberIds: null }) }
          : {}),
      },
      metaFor(deps, actorId, { workstreamId }),
      context,
    );
  }

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
  }
  const next = changesBetween(rotation, role, now, new Date(now.getTime() + 8 * 86_400_000))[0];
  return {
    kind: "rotation_attached",
    rotation: rotation.name,
    workstream: workstream?.name ?? null,
    duty: duty
      ? {
          userId: duty.userId,
          shift: duty.occurrence.shift.name,
          until: duty.occurrence.end.toISOString(),
          tookRole: !holder,
        }
      : null,
    keptBy: duty && holder && holder !== duty.userId ? holder : null,
    invited: users.length + groups.length,
    groupsLeftOut: includeGroups ? [] : onDuty.groups,
    next: next
      ? {
          at: next.boundaryAt.toISOString(),
          toUserId: next.toUserId,
          promptAt: new Date(next.boundaryAt.getTime() - rotation.promptBeforeMs).toISOString(),
        }
      : null,
  };
}

/**
 * The members of the user groups on duty now, read from Slack before the transaction that
 * attaches the rotation, so an invited group is counted as the people in it.
 */
export async function rotationGroups(
  deps: Pick<ServiceDeps, "directory" | "clock">,
  rotation: Rotation,
): Promise<Map<string, InvitedGroup>> {
  const onDuty = teamAt(rotation, deps.clock.now()).members.filter((id) => id.startsWith("S"));
  const groups = await invitedGroups(deps, [...new Set(onDuty)], {});
  return new Map(groups.map((g) => [g.id, g]));
}

/** The people and user groups of the shift on duty that attaching would bring in. */
function shiftOnDuty(
  rotation: Rotation,
  scope: { incident: Incident; workstream: Workstream | null },
  now: Date,
) {
  const { workstream } = scope;
  const team = teamAt(rotation, now);
  const duty = holderAt(rotation, roleOf(scope), now);
  const people = workstream
    ? [...(duty ? [duty.userId] : []), ...team.members]
    : [...team.commanders, ...team.deputies, ...Object.values(team.leads), ...team.members];
  return {
    users: [...new Set(people.filter((id) => /^[UW]/.test(id)))],
    groups: [...new Set(people.filter((id) => id.startsWith("S")))],
  };
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
    /** A private incident: the person has seen who would be added and said yes. */
    confirm?: boolean;
    /** …and the shift's user groups too (commander or admin only). */
    withGroups?: boolean;
  },
): Promise<RotationAttached | RotationPreview> {
  const rotation = requireRotation(deps, input.rotation);
  const workstreamName = input.workstream ? normaliseWorkstreamName(input.workstream) : null;
  // Read from Slack before the transaction: whether the actor is an admin.
  const isAdmin = input.withGroups ? await isIncidentAdmin(deps, input.actorId) : false;
  const groups = await rotationGroups(deps, rotation);
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, input.incidentId);
    const workstream = workstreamName
      ? await requireNamedWorkstream(repos.workstreams, incident.id, workstreamName)
      : null;
    if (incident.isPrivate && !input.confirm) {
      assertIncidentActive(incident, "its shifts no longer change.");
      const onDuty = shiftOnDuty(rotation, { incident, workstream }, deps.clock.now());
      return {
        kind: "rotation_preview",
        rotation: rotation.name,
        workstream: workstream?.name ?? null,
        ...onDuty,
      };
    }
    if (input.withGroups) {
      const commander = await repos.roles.holder(incident.id, "commander");
      if (commander !== input.actorId && !isAdmin)
        throw forbidden(
          `Only the incident commander${commander ? ` (${mentionUser(commander)})` : ""} or an incident admin can bring whole user groups into this private incident.`,
        );
    }
    return attachInTransaction(deps, repos, incident, workstream, rotation, input.actorId, {
      includeGroups: !incident.isPrivate || Boolean(input.withGroups),
      groups,
    });
  });
}
