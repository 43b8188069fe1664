// Who a rotation puts on duty: the commander or a workstream's lead at an instant, the
// boundaries where that person changes, and the whole team of the shifts on now.
import { activeAt, boundariesBetween, nextStarting, type ShiftOccurrence } from "./shifts.ts";
import type { RotatingRole, Rotation, Shift } from "./types.ts";

export interface Duty {
  userId: string;
  occurrence: ShiftOccurrence;
}

export function holderInShift(shift: Shift, role: RotatingRole): string | null {
  return role.role === "commander" ? shift.commander : (shift.leads[role.workstream] ?? null);
}

/**
 * Who holds `role` at `instant`. When shifts overlap, the one that started last has taken
 * over (an overlap is a handover window); file order breaks ties.
 */
export function holderAt(rotation: Rotation, role: RotatingRole, instant: Date): Duty | null {
  for (const occurrence of activeAt(rotation, instant)) {
    const userId = holderInShift(occurrence.shift, role);
    if (userId) return { userId, occurrence };
  }
  return null;
}

export interface HolderChange {
  boundaryAt: Date;
  /** Who the rotation had on duty just before (null: nobody, e.g. after a gap). */
  fromUserId: string | null;
  toUserId: string;
  /** The shift coming on. */
  shift: Shift;
}

/** The change of holder at `boundary`, or null when the same person (or nobody) holds it after. */
export function changeAt(rotation: Rotation, role: RotatingRole, boundary: Date): HolderChange | null {
  const before = holderAt(rotation, role, new Date(boundary.getTime() - 1));
  const after = holderAt(rotation, role, boundary);
  if (!after || after.userId === before?.userId) return null;
  return {
    boundaryAt: boundary,
    fromUserId: before?.userId ?? null,
    toUserId: after.userId,
    shift: after.occurrence.shift,
  };
}

/** Every change of holder at boundaries in (from, to]. */
export function changesBetween(rotation: Rotation, role: RotatingRole, from: Date, to: Date): HolderChange[] {
  return boundariesBetween(rotation, from, to).flatMap((b) => {
    const change = changeAt(rotation, role, b);
    return change ? [change] : [];
  });
}

/** Whether any shift of the rotation names someone for this role (e.g. a lead for `us1`). */
export function rotationFills(rotation: Rotation, role: RotatingRole): boolean {
  return rotation.shifts.some((shift) => holderInShift(shift, role) !== null);
}

export interface Team {
  shifts: ShiftOccurrence[];
  commanders: string[];
  deputies: string[];
  leads: Record<string, string>;
  /** Users and user groups. */
  members: string[];
}

function teamOf(shifts: ShiftOccurrence[]): Team {
  const unique = (ids: string[]) => [...new Set(ids)];
  const leads: Record<string, string> = {};
  for (const { shift } of shifts) {
    for (const [workstream, userId] of Object.entries(shift.leads)) leads[workstream] ??= userId;
  }
  return {
    shifts,
    commanders: unique(shifts.map((s) => s.shift.commander)),
    deputies: unique(shifts.flatMap((s) => s.shift.deputies)),
    leads,
    members: unique(shifts.flatMap((s) => s.shift.members)),
  };
}

/** Everyone the shifts on duty at `instant` name. */
export function teamAt(rotation: Rotation, instant: Date): Team {
  return teamOf(activeAt(rotation, instant));
}

/** The shift(s) on now and the next to come on (for `/incident shifts`). */
export function nowAndNext(rotation: Rotation, instant: Date): { now: Team; next: Team } {
  return { now: teamAt(rotation, instant), next: teamOf(nextStarting(rotation, instant)) };
}

/** The last change of holder at or before `instant` (looking back a day at a time, up to 8). */
export function lastChangeAtOrBefore(
  rotation: Rotation,
  role: RotatingRole,
  instant: Date,
): HolderChange | null {
  const day = 86_400_000;
  for (let back = 1; back <= 8; back++) {
    const to = new Date(instant.getTime() - (back - 1) * day);
    const from = new Date(instant.getTime() - back * day);
    const found = changesBetween(rotation, role, from, to).at(-1);
    if (found) return found;
  }
  return null;
}
