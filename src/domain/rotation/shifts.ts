// Shift arithmetic on wall-clock times in named IANA zones, with luxon doing every offset and
// daylight-saving calculation. A shift "09:00–17:00 Europe/Dublin" is 09:00–17:00 on the
// clocks in Dublin on every day, whatever the UTC offset is that day.
//
// Two rules for the hours the clocks skip or repeat:
// - a time that does not exist (clocks going forward) moves forward by the length of the gap,
//   e.g. 02:30 on the night New York springs forward is 03:30 EDT;
// - a time that happens twice (clocks going back) means the first time the clock shows it.
import { DateTime } from "luxon";
import { type Rotation, type Shift, WEEKDAYS, type Weekday } from "./types.ts";

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

/** Start and end (epoch ms) of a shift's occurrence starting on one local calendar day. */
type DaySpan = { start: number; end: number } | null;

/**
 * Each shift's occurrence per calendar day, computed once: luxon's zone arithmetic costs tens of
 * microseconds a call, and the scheduler asks who holds a role at every boundary of the last
 * days at each tick (hundreds of calls). Keyed by the parsed Shift, so a reloaded rotations file
 * starts afresh; cleared past a year of days, which a long-running process reaches slowly.
 */
const spansByShift = new WeakMap<Shift, Map<number, DaySpan>>();
const MAX_CACHED_DAYS = 400;

/** The day number (days since 1970-01-01) of the UTC calendar date of `instant`. */
const utcDayNumber = (instant: Date) => Math.floor(instant.getTime() / DAY_MS);

function spanStartingOn(shift: Shift, dayNumber: number): DaySpan {
  let spans = spansByShift.get(shift);
  if (!spans) {
    spans = new Map();
    spansByShift.set(shift, spans);
  }
  const cached = spans.get(dayNumber);
  if (cached !== undefined) return cached;
  if (spans.size >= MAX_CACHED_DAYS) spans.clear();
  const span = computeSpan(shift, dayNumber);
  spans.set(dayNumber, span);
  return span;
}

function computeSpan(shift: Shift, dayNumber: number): DaySpan {
  const day = new Date(dayNumber * DAY_MS);
  // getUTCDay counts from Sunday; WEEKDAYS from Monday.
  const weekday = WEEKDAYS[(day.getUTCDay() + 6) % 7] as Weekday;
  if (shift.days && !shift.days.includes(weekday)) return null;
  const date = (d: Date) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
  const start = wallClockInstant(shift.timeZone, date(day), shift.startMinute);
  const endDay = shift.endMinute <= shift.startMinute ? new Date((dayNumber + 1) * DAY_MS) : day;
  const end = wallClockInstant(shift.timeZone, date(endDay), shift.endMinute);
  if (end <= start) return null;
  return { start: start.toMillis(), end: end.toMillis() };
}

/** Occurrences of one shift that overlap [from, to), in start order. */
export function occurrencesOfShift(shift: Shift, index: number, from: Date, to: Date): ShiftOccurrence[] {
  // The occurrence of local day d starts on d and ends before local midnight after d + 1 (an
  // end the clocks skip can move past it, in zones that change at midnight), so it can overlap
  // [from, to) only for d from two days before the zone's date of `from` to the zone's date of
  // `to`. A zone's date is within a day of UTC's (offsets run from −12 to +14 hours): walking
  // UTC dates from three days before `from` to one after `to` visits every such day, and the
  // overlap test keeps exactly the occurrences that overlap.
  const found: ShiftOccurrence[] = [];
  const last = utcDayNumber(to) + 1;
  for (let dayNumber = utcDayNumber(from) - 3; dayNumber <= last; dayNumber++) {
    const span = spanStartingOn(shift, dayNumber);
    if (span && span.end > from.getTime() && span.start < to.getTime())
      found.push({ shift, index, start: new Date(span.start), end: new Date(span.end) });
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
