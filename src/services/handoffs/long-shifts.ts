// The long-duty nudge: someone holding a role of an open incident or workstream for longer than
// its limit gets one gentle DM per threshold crossed (12h, 24h, …), unless a handoff of that role
// is already under way. The limit is the attached rotation's maxShiftHours, else
// LONG_DUTY_HOURS: a regional lead with no rotation is as tired after 27 hours as one with.
import { jobRunKey } from "../../db/repositories/store.ts";
import type { ServiceDeps } from "../../deps.ts";
import type { RoleAssignment } from "../../domain/incident/role-assignment.ts";
import { isOpen } from "../../domain/incident/status.ts";
import { latestCrossing, nextCrossingAfter } from "../../domain/rotation/duty-hours.ts";
import { recordEvent } from "../../events/record-event.ts";
import { effectContext, lockedIncident, metaFor } from "../support.ts";
import { attachedScopes, scopeKey, scopeKeyOf } from "./scopes.ts";

export const LONG_SHIFT_JOB = "long-shift";

interface Watched {
  assignment: RoleAssignment;
  maxHours: number;
  onRotation: boolean;
}

/** Current role assignments of active incidents, each with the threshold that applies to it. */
async function watched(deps: ServiceDeps): Promise<Watched[]> {
  const { read } = deps.store;
  const fallback = deps.config.incidents.longDutyHours;
  // The active incidents are read once: with a fallback every one of them is watched.
  const active = await read.incidents.active();
  const scopes = await attachedScopes(read, active);
  const watchedIds = new Set(fallback === null ? scopes.map((s) => s.incident.id) : active.map((i) => i.id));
  if (!watchedIds.size) return [];
  const scopeByKey = new Map(scopes.map((s) => [scopeKey(s), s]));
  const result: Watched[] = [];
  for (const assignment of await read.roles.currentOfOpenIncidents()) {
    if (!watchedIds.has(assignment.incidentId)) continue;
    const scope = scopeByKey.get(scopeKeyOf(assignment.incidentId, assignment.workstreamId));
    const rotation = scope ? deps.rotations.get(scope.rotation) : undefined;
    const maxHours = rotation?.maxShiftHours ?? fallback;
    if (maxHours !== null) result.push({ assignment, maxHours, onRotation: rotation !== undefined });
  }
  return result;
}

export async function nextLongShiftAfter(deps: ServiceDeps, instant: Date): Promise<Date | null> {
  let earliest: Date | null = null;
  for (const { assignment, maxHours } of await watched(deps)) {
    const next = nextCrossingAfter(assignment.startedAt, maxHours, instant);
    if (!earliest || next < earliest) earliest = next;
  }
  return earliest;
}

export async function runLongShiftNudges(deps: ServiceDeps, now: Date): Promise<number> {
  const crossings = (await watched(deps)).flatMap(({ assignment, maxHours, onRotation }) => {
    const crossing = latestCrossing(assignment.startedAt, maxHours, now);
    return crossing ? [{ assignment, maxHours, onRotation, crossing }] : [];
  });
  const key = (c: (typeof crossings)[number]) =>
    jobRunKey(LONG_SHIFT_JOB, `assignment:${c.assignment.id}`, c.crossing.at);
  // Crossings already handled (the usual case at a tick) are skipped without a transaction.
  const claimed = await deps.store.claimedJobRuns(crossings.map(key));
  let nudged = 0;
  for (const c of crossings) {
    if (claimed.has(key(c))) continue;
    const { assignment, maxHours, onRotation, crossing } = c;
    const done = await deps.store.runOnce(
      {
        job: LONG_SHIFT_JOB,
        subject: `assignment:${assignment.id}`,
        dueAt: crossing.at,
        now,
        holder: deps.instanceId,
      },
      async (repos) => {
        const incident = await lockedIncident(repos, assignment.incidentId);
        if (!isOpen(incident.status)) return false;
        const still = await repos.roles.byId(assignment.id);
        if (!still || still.endedAt) return false;
        if (
          await repos.handoffs.isHandingOver(
            assignment.incidentId,
            assignment.workstreamId,
            assignment.userId,
          )
        )
          return false;
        await recordEvent(
          repos,
          incident,
          {
            kind: "long_shift_prompted",
            userId: assignment.userId,
            role: assignment.role,
            workstreamId: assignment.workstreamId,
            hours: crossing.k * maxHours,
            ...(onRotation ? {} : { withoutRotation: true as const }),
          },
          metaFor(deps, null, { workstreamId: assignment.workstreamId }),
          { context: effectContext(deps) },
        );
        return true;
      },
    );
    if (done) nudged++;
  }
  if (nudged) deps.kickOutbox();
  return nudged;
}
