// Coverage of a rotation over a week: when nobody is on duty (gaps) and when two shifts are on
// at once (overlaps). Computed from real occurrences, so the gap that opens when Dublin and
// New York change their clocks on different Sundays shows up on the right day.
import { DateTime } from "luxon";
import { formatDuration } from "../time/duration.ts";
import { occurrences } from "./shifts.ts";
import type { Rotation } from "./types.ts";

export interface CoverageFinding {
  kind: "gap" | "overlap";
  start: Date;
  end: Date;
  /** Names of the shifts on duty together (overlaps only). */
  shifts: string[];
}

export const COVERAGE_WINDOW_DAYS = 7;

export function coverageFindings(
  rotation: Rotation,
  from: Date,
  days: number = COVERAGE_WINDOW_DAYS,
): CoverageFinding[] {
  const to = new Date(from.getTime() + days * 86_400_000);
  const found = occurrences(rotation, from, to);
  const points = new Set<number>([from.getTime(), to.getTime()]);
  for (const o of found) {
    for (const t of [o.start.getTime(), o.end.getTime()]) {
      if (t > from.getTime() && t < to.getTime()) points.add(t);
    }
  }
  const sorted = [...points].sort((a, b) => a - b);
  const findings: CoverageFinding[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i] as number;
    const end = sorted[i + 1] as number;
    const on = found.filter((o) => o.start.getTime() <= start && o.end.getTime() > start);
    const kind = on.length === 0 ? "gap" : on.length > 1 ? "overlap" : null;
    if (!kind) continue;
    const shifts = kind === "overlap" ? [...new Set(on.map((o) => o.shift.name))] : [];
    const last = findings.at(-1);
    if (
      last &&
      last.kind === kind &&
      last.end.getTime() === start &&
      last.shifts.join("\u0000") === shifts.join("\u0000")
    ) {
      last.end = new Date(end);
    } else {
      findings.push({ kind, start: new Date(start), end: new Date(end), shifts });
    }
  }
  return findings;
}

/** "07:00–08:00 UTC (1h)" when the span ends on the day it starts (or at its midnight). */
function timesOfDay(start: Date, end: Date): string | null {
  const a = DateTime.fromJSDate(start, { zone: "utc" });
  const b = DateTime.fromJSDate(end, { zone: "utc" });
  const length = formatDuration(end.getTime() - start.getTime());
  if (a.hasSame(b, "day")) return `${a.toFormat("HH:mm")}–${b.toFormat("HH:mm")} UTC (${length})`;
  if (b.hour === 0 && b.minute === 0 && b.minus({ days: 1 }).hasSame(a, "day"))
    return `${a.toFormat("HH:mm")}–24:00 UTC (${length})`;
  return null;
}

/** "Sun 29 Mar 23:00 – Mon 30 Mar 01:00 UTC (2h)" or "Mon 30 Mar 07:00–08:00 UTC (1h)". */
export function formatSpan(start: Date, end: Date): string {
  const a = DateTime.fromJSDate(start, { zone: "utc" });
  const times = timesOfDay(start, end);
  if (times) return `${a.toFormat("ccc d LLL")} ${times}`;
  const b = DateTime.fromJSDate(end, { zone: "utc" });
  const length = formatDuration(end.getTime() - start.getTime());
  return `${a.toFormat("ccc d LLL HH:mm")} – ${b.toFormat("ccc d LLL HH:mm")} UTC (${length})`;
}

function describeFinding(rotation: Rotation, finding: CoverageFinding, when: string): string {
  return finding.kind === "gap"
    ? `rotation "${rotation.name}": nobody is on duty ${when}`
    : `rotation "${rotation.name}": shifts ${finding.shifts.join(" and ")} overlap ${when}`;
}

/** "Sun 8 Mar – Sat 14 Mar (every day)" or "Mon 9 Mar, Wed 11 Mar". */
function describeDays(starts: Date[]): string {
  const days = starts.map((d) => DateTime.fromJSDate(d, { zone: "utc" }));
  const consecutive = days.every((d, i) => i === 0 || d.diff(days[i - 1] as DateTime, "days").days === 1);
  if (consecutive && days.length > 2) {
    return `${(days[0] as DateTime).toFormat("ccc d LLL")} – ${(days.at(-1) as DateTime).toFormat("ccc d LLL")} (every day)`;
  }
  return days.map((d) => d.toFormat("ccc d LLL")).join(", ");
}

/**
 * One warning per problem, naming the rotation, the days and the times. The same gap or
 * overlap at the same time on several days (the usual effect of a clock change) is one line
 * listing the days.
 */
export function coverageWarnings(rotation: Rotation, from: Date): string[] {
  const groups = new Map<string, CoverageFinding[]>();
  for (const finding of coverageFindings(rotation, from)) {
    const start = DateTime.fromJSDate(finding.start, { zone: "utc" });
    const key = [
      finding.kind,
      finding.shifts.join(","),
      start.toFormat("HH:mm"),
      finding.end.getTime() - finding.start.getTime(),
    ].join("|");
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as CoverageFinding;
    if (group.length === 1) return describeFinding(rotation, first, formatSpan(first.start, first.end));
    const days = describeDays(group.map((f) => f.start));
    const times = timesOfDay(first.start, first.end);
    return describeFinding(
      rotation,
      first,
      times ? `${times} on ${days}` : `${formatSpan(first.start, first.end)}, and the same on ${days}`,
    );
  });
}

/** Warnings for the week starting at midnight UTC of `now`'s day (so findings read as whole days). */
export function weekWarnings(rotations: readonly Rotation[], now: Date): string[] {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return rotations.flatMap((rotation) => coverageWarnings(rotation, from));
}
