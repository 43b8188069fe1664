// Shift arithmetic on wall-clock times in named IANA zones, with luxon doing every offset and
// daylight-saving calculation. A shift "09:00–17:00 Europe/Dublin" is 09:00–17:00 on the
// clocks in Dublin on every day, whatever the UTC offset is that day.
//
// Two rules for the hours the clocks skip or repeat:
// - a time that does not exist (clocks going forward) moves forward by the length of the gap,
//   e.g. 02:30 on the night New York springs forward is 03:30 EDT;
// - a time that happens twice (clocks going back) means the first time the clock shows it.
import { DateTime } from "luxon";
import { type Rotation, type Shift, WEEKDAYS } from "./types.ts";

export interface ShiftOccurrence {
  shift: Shift;
  /** The shift's position in the rotation (file order breaks ties). */
  index: number;
  start: Date;
  end: Date;
}

type CalendarDay = { year: number; month: number; day: number };

const DAY_MS = 86_400_000;

/** The instant at which the clocks in `zone` show `minute` (after midnight) on `date`. */
export function wallClockInstant(zone: string, date: CalendarDay, minute: number): DateTime {
  const wanted = { ...date, hour: Math.floor(minute / 60), minute: minute % 60 };
  const candidate = DateTime.fromObject(wanted, { zone });
  // Clocks going back show this time twice; luxon may pick the second. Find the first.
  const before = candidate.minus({ hours: 3 }).offset;
  if (before > candidate.offset) {
    const earlier = candidate.minus({ minutes: before - candidate.offset });
    const same = (t: DateTime) => t.toFormat("yyyy-MM-dd HH:mm");
    if (same(earlier) === same(candidate)) return earlier;
  }
  return candidate;
}

/** Occurrences of one shift that overlap [from, to), in start order. */
export function occurrencesOfShift(shift: Shift, index: number, from: Date, to: Date): ShiftOccurrence[] {
  const firstDay = DateTime.fromJSDate(from, { zone: shift.timeZone }).minus({ days: 2 });
  const lastDay = DateTime.fromJSDate(to, { zone: shift.timeZone }).plus({ days: 1 });
  // Walk calendar days (plain dates in UTC, so adding a day is always a day).
  let day = DateTime.utc(firstDay.year, firstDay.month, firstDay.day);
  const stop = DateTime.utc(lastDay.year, lastDay.month, lastDay.day);
  const found: ShiftOccurrence[] = [];
  for (; day <= stop; day = day.plus({ days: 1 })) {
    if (shift.days && !shift.days.includes(WEEKDAYS[day.weekday - 1] as (typeof WEEKDAYS)[number])) continue;
    const date = { year: day.year, month: day.month, day: day.day };
    const start = wallClockInstant(shift.timeZone, date, shift.startMinute);
    const endDay = shift.endMinute <= shift.startMinute ? day.plus({ days: 1 }) : day;
    const end = wallClockInstant(
      shift.timeZone,
      { year: endDay.year, month: endDay.month, day: endDay.day },
      shift.endMinute,
    );
    if (end <= start) continue;
    if (end.toMillis() > from.getTime() && start.toMillis() < to.getTime())
      found.push({ shift, index, start: start.toJSDate(), end: end.toJSDate() });
  }
  return found;
}

/** Occurrences of every shift of the rotation overlapping [from, to), by start then file order. */
export function occurrences(rotation: Rotation, from: Date, to: Date): ShiftOccurrence[] {
  return rotation.shifts
    .flatMap((shift, index) => occurrencesOfShift(shift, index, from, to))
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.index - b.index);
}

/** Shifts on duty at `instant` (start inclusive, end exclusive), latest start first. */
export function activeAt(rotation: Rotation, instant: Date): ShiftOccurrence[] {
  const next = new Date(instant.getTime() + 1);
  return occurrences(rotation, instant, next)
    .filter((o) => o.start <= instant && o.end > instant)
    .sort((a, b) => b.start.getTime() - a.start.getTime() || a.index - b.index);
}

/** Every instant in (from, to] at which a shift starts or ends, ascending, without repeats. */
export function boundariesBetween(rotation: Rotation, from: Date, to: Date): Date[] {
  const times = new Set<number>();
  for (const o of occurrences(rotation, from, new Date(to.getTime() + 1))) {
    for (const t of [o.start.getTime(), o.end.getTime()]) {
      if (t > from.getTime() && t <= to.getTime()) times.add(t);
    }
  }
  return [...times].sort((a, b) => a - b).map((t) => new Date(t));
}

/** The first boundary strictly after `instant` (within 8 days: every rotation repeats weekly). */
export function nextBoundaryAfter(rotation: Rotation, instant: Date): Date | null {
  return boundariesBetween(rotation, instant, new Date(instant.getTime() + 8 * DAY_MS))[0] ?? null;
}

/** The last boundary at or before `instant` (looking back 8 days). */
export function lastBoundaryAtOrBefore(rotation: Rotation, instant: Date): Date | null {
  return boundariesBetween(rotation, new Date(instant.getTime() - 8 * DAY_MS), instant).at(-1) ?? null;
}

/** The next occurrence(s) to start strictly after `instant` (several when they start together). */
export function nextStarting(rotation: Rotation, instant: Date): ShiftOccurrence[] {
  const upcoming = occurrences(rotation, instant, new Date(instant.getTime() + 8 * DAY_MS)).filter(
    (o) => o.start > instant,
  );
  const first = upcoming[0];
  return first ? upcoming.filter((o) => o.start.getTime() === first.start.getTime()) : [];
}
