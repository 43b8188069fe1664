// Hours on duty per person, from role assignments (RoleAssignment rows): what the postmortem
// shows under "Response" and what the long-duty nudge measures.

export interface AssignmentSpan {
  userId: string;
  role: string;
  workstreamId: number | null;
  startedAt: Date;
  endedAt: Date | null;
}

export interface DutyHours {
  userId: string;
  /** Total hours holding any role (overlapping roles of one person count once). */
  hours: number;
  /** The longest single unbroken stretch, in hours. */
  longestStretchHours: number;
  roles: { role: string; workstreamId: number | null; hours: number }[];
}

const HOUR_MS = 3_600_000;

function mergedSpans(spans: [number, number][]): [number, number][] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Per person, in descending hours (then user ID): open assignments count up to `now`. */
export function dutyHours(assignments: AssignmentSpan[], now: Date): DutyHours[] {
  const byUser = new Map<string, AssignmentSpan[]>();
  for (const a of assignments) byUser.set(a.userId, [...(byUser.get(a.userId) ?? []), a]);
  const round = (ms: number) => Math.round((ms / HOUR_MS) * 100) / 100;
  const result: DutyHours[] = [];
  for (const [userId, spans] of byUser) {
    const intervals = spans.map((s): [number, number] => [
      s.startedAt.getTime(),
      (s.endedAt ?? now).getTime(),
    ]);
    const merged = mergedSpans(intervals);
    const roles = new Map<string, { role: string; workstreamId: number | null; ms: number }>();
    for (const s of spans) {
      const key = `${s.role}:${s.workstreamId ?? ""}`;
      const entry = roles.get(key) ?? { role: s.role, workstreamId: s.workstreamId, ms: 0 };
      entry.ms += (s.endedAt ?? now).getTime() - s.startedAt.getTime();
      roles.set(key, entry);
    }
    result.push({
      userId,
      hours: round(merged.reduce((sum, [a, b]) => sum + (b - a), 0)),
      longestStretchHours: round(Math.max(0, ...merged.map(([a, b]) => b - a))),
      roles: [...roles.values()].map((r) => ({
        role: r.role,
        workstreamId: r.workstreamId,
        hours: round(r.ms),
      })),
    });
  }
  return result.sort((a, b) => b.hours - a.hours || a.userId.localeCompare(b.userId));
}

/**
 * The threshold crossing a holder is at: holding since `startedAt`, the k-th crossing is at
 * startedAt + k × maxHours. Returns the latest crossing at or before `now` (null: none yet).
 */
export function latestCrossing(startedAt: Date, maxHours: number, now: Date): { at: Date; k: number } | null {
  const period = maxHours * HOUR_MS;
  const k = Math.floor((now.getTime() - startedAt.getTime()) / period);
  return k >= 1 ? { at: new Date(startedAt.getTime() + k * period), k } : null;
}

/** The first crossing strictly after `instant`. */
export function nextCrossingAfter(startedAt: Date, maxHours: number, instant: Date): Date {
  const period = maxHours * HOUR_MS;
  const k = Math.max(1, Math.floor((instant.getTime() - startedAt.getTime()) / period) + 1);
  return new Date(startedAt.getTime() + k * period);
}
