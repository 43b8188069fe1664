// The scheduled side of handoffs: before each shift change, every active incident and
// workstream attached to the rotation whose role holder changes gets one prompt. One claim
// per (scope, boundary) in the database makes that exactly one prompt across replicas and
// restarts; a boundary missed while the bot was down is prompted at the next run.
import { jobRunKey } from "../../db/repositories/store.ts";
import type { ServiceDeps } from "../../deps.ts";
import { isOpen } from "../../domain/incident/status.ts";
import { changesBetween, type HolderChange, lastChangeAtOrBefore } from "../../domain/rotation/duty.ts";
import { nextBoundaryAfter } from "../../domain/rotation/shifts.ts";
import type { RotatingRole, Rotation } from "../../domain/rotation/types.ts";
import { leaderOf } from "../incident-scope.ts";
import { syncRotations } from "../rotations/sync-rotations.ts";
import { lockedIncident } from "../support.ts";
import { openHandoff } from "./prompt-handoff.ts";
import { type AttachedScope, attachedScopes, attachedSince, roleOf, scopeKey } from "./scopes.ts";

export const PROMPT_JOB = "handoff-prompt";

function rotationsInUse(deps: ServiceDeps, scopes: AttachedScope[]): Rotation[] {
  const names = new Set(scopes.map((s) => s.rotation));
  return [...names].flatMap((name) => {
    const rotation = deps.rotations.get(name);
    return rotation ? [rotation] : [];
  });
}

/** The next instant after `instant` at which a prompt may fall due (boundary − promptBefore). */
export async function nextPromptAfter(deps: ServiceDeps, instant: Date): Promise<Date | null> {
  const scopes = await attachedScopes(deps.store.read);
  let earliest: Date | null = null;
  for (const rotation of rotationsInUse(deps, scopes)) {
    const boundary = nextBoundaryAfter(rotation, new Date(instant.getTime() + rotation.promptBeforeMs));
    if (!boundary) continue;
    const due = new Date(boundary.getTime() - rotation.promptBeforeMs);
    if (!earliest || due < earliest) earliest = due;
  }
  return earliest;
}

/**
 * The changes a scope should have been prompted for by `now`: the last one at or before now
 * (it decides who should hold the role now; later ones replace it) when it came after the
 * scope was attached, and any coming within `promptBefore`.
 */
export function dueChanges(
  rotation: Rotation,
  role: RotatingRole,
  now: Date,
  attachedAt: Date | null,
): HolderChange[] {
  const past = lastChangeAtOrBefore(rotation, role, now);
  const soon = changesBetween(rotation, role, now, new Date(now.getTime() + rotation.promptBeforeMs));
  const due = [...(past ? [past] : []), ...soon];
  return due.filter((change) => !attachedAt || change.boundaryAt > attachedAt);
}

/** Prompts every handoff due at `now`; resolves with how many prompts it posted. */
export async function runHandoffPrompts(deps: ServiceDeps, now: Date): Promise<number> {
  await syncRotations(deps);
  const { read } = deps.store;
  const scopes = await attachedScopes(read);
  if (!scopes.length) return 0;
  const since = await attachedSince(read, scopes);
  // Which (scope, boundary) pairs are due; the same rotation and role compute once.
  const memo = new Map<string, HolderChange[]>();
  const due: { scope: AttachedScope; rotation: Rotation; key: string; change: HolderChange }[] = [];
  for (const scope of scopes) {
    const rotation = deps.rotations.get(scope.rotation);
    if (!rotation) {
      deps.logger.warn(
        { rotation: scope.rotation, incident: scope.incident.number },
        "an incident is attached to a rotation that is no longer in the rotations file; no handoffs are prompted for it",
      );
      continue;
    }
    const role = roleOf(scope);
    const key = scopeKey(scope);
    const attachedAt = since.get(key) ?? null;
    const memoKey = `${rotation.name}|${JSON.stringify(role)}`;
    let changes = memo.get(memoKey);
    if (!changes) {
      changes = dueChanges(rotation, role, now, null);
      memo.set(memoKey, changes);
    }
    for (const change of changes) {
      if (!attachedAt || change.boundaryAt > attachedAt) due.push({ scope, rotation, key, change });
    }
  }
  // Most due pairs were handled at an earlier run: skip those without opening a transaction.
  const keys = due.map((d) => jobRunKey(PROMPT_JOB, d.key, d.change.boundaryAt));
  const claimed = await deps.store.claimedJobRuns(keys);
  let prompted = 0;
  for (const [i, { scope, rotation, key, change }] of due.entries()) {
    if (claimed.has(keys[i] as string)) continue;
    const done = await deps.store.runOnce(
      { job: PROMPT_JOB, subject: key, dueAt: change.boundaryAt, now, holder: deps.instanceId },
      async (repos) => {
        const incident = await lockedIncident(repos, scope.incident.id);
        if (!isOpen(incident.status)) return false;
        const workstream = scope.workstream ? await repos.workstreams.byId(scope.workstream.id) : null;
        const fresh = { incident, workstream };
        const holder = await leaderOf(repos, fresh);
        // Already in the right hands (someone took over by hand): nothing to hand over.
        if (holder === change.toUserId) return false;
        await openHandoff(deps, repos, {
          scope: fresh,
          rotation: rotation.name,
          boundaryAt: change.boundaryAt,
          fromUserId: holder,
          toUserId: change.toUserId,
          manual: false,
          actorId: null,
          acceptWithinMs: rotation.acceptWithinMs,
          dedupeKey: `${incident.id}:${key}:${change.boundaryAt.toISOString()}`,
        });
        return true;
      },
    );
    if (done) prompted++;
  }
  if (prompted) deps.kickOutbox();
  return prompted;
}
