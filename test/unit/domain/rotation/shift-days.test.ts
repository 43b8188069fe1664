// occurrencesOfShift walks UTC dates and keeps each shift's day computed once; this checks it
// against the plain walk over the shift's own calendar days (luxon for every day, nothing kept)
// in the zones furthest from UTC, with half-hour and 45-minute offsets, daylight saving in both
// hemispheres, shifts crossing midnight and weekday lists, over more than a year of instants
// (past the point where the kept days are cleared).
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { occurrencesOfShift, wallClockInstant } from "../../../../src/domain/rotation/shifts.ts";
import { type Shift, WEEKDAYS, type Weekday } from "../../../../src/domain/rotation/types.ts";
import { shift } from "./fixtures.ts";

/** Every occurrence overlapping [from, to), found by walking the zone's calendar days. */
function plainWalk(s: Shift, from: Date, to: Date): string[] {
  const found: string[] = [];
  let day = DateTime.fromJSDate(from, { zone: s.timeZone }).startOf("day").minus({ days: 2 });
  const last = DateTime.fromJSDate(to, { zone: s.timeZone }).startOf("day").plus({ days: 1 });
  for (; day <= last; day = day.plus({ days: 1 })) {
    if (s.days && !s.days.includes(WEEKDAYS[day.weekday - 1] as Weekday)) continue;
    const date = (d: DateTime) => ({ year: d.year, month: d.month, day: d.day });
    const start = wallClockInstant(s.timeZone, date(day), s.startMinute);
    const endDay = s.endMinute <= s.startMinute ? day.plus({ days: 1 }) : day;
    const end = wallClockInstant(s.timeZone, date(endDay), s.endMinute);
    if (end > start && end.toMillis() > from.getTime() && start.toMillis() < to.getTime())
      found.push(`${start.toISO()}→${end.toISO()}`);
  }
  return found;
}

const asText = (s: Shift, from: Date, to: Date) =>
  occurrencesOfShift(s, 0, from, to).map(
    (o) =>
      `${DateTime.fromJSDate(o.start, { zone: s.timeZone }).toISO()}→${DateTime.fromJSDate(o.end, { zone: s.timeZone }).toISO()}`,
  );

const ZONES = [
  "Pacific/Kiritimati", // UTC+14
  "Pacific/Pago_Pago", // UTC−11
  "Etc/GMT+12", // UTC−12
  "Asia/Kathmandu", // UTC+5:45
  "Australia/Lord_Howe", // half-hour daylight saving, southern hemisphere
  "America/New_York",
  "Europe/Dublin",
];

const SHIFTS: [string, string, Partial<Shift>][] = [
  ["09:00", "17:00", {}],
  ["22:00", "06:00", {}],
  ["23:30", "00:30", {}],
  ["13:00", "12:30", {}], // 23.5 hours: the longest reach into the next day
  ["02:30", "03:00", {}], // skipped or repeated on clock-change nights
  ["20:00", "08:00", { days: ["mon", "fri"] }],
  ["00:00", "24:00", { days: ["sat", "sun"] }],
];

/** Clock changes in 2026 (UTC): each is swept every four hours for two days either side. */
const CLOCK_CHANGES: Record<string, string[]> = {
  "America/New_York": ["2026-03-08T07:00Z", "2026-11-01T06:00Z"],
  "Europe/Dublin": ["2026-03-29T01:00Z", "2026-10-25T01:00Z"],
  "Australia/Lord_Howe": ["2026-04-04T15:00Z", "2026-10-03T15:30Z"],
};

/** Instants to compare at: every 223 hours (each hour of the day and each weekday come round), and around clock changes. */
function instantsFor(zone: string): number[] {
  const instants: number[] = [];
  const start = Date.parse("2026-01-01T00:00:00Z");
  // To March 2027: more days than a shift keeps, so the kept days are cleared on the way.
  for (let t = start; t < Date.parse("2027-03-01T00:00:00Z"); t += 223 * 3_600_000) instants.push(t);
  for (const change of CLOCK_CHANGES[zone] ?? []) {
    for (let hours = -48; hours <= 48; hours += 4) instants.push(Date.parse(change) + hours * 3_600_000);
  }
  return instants;
}

describe("a shift's occurrences, found from kept days", () => {
  it("are the plain walk's, at instants and over multi-day windows across 14 months", () => {
    let compared = 0;
    for (const zone of ZONES) {
      for (const [from, to, extra] of SHIFTS) {
        const s = shift({ name: "s", timeZone: zone, ...extra }, from, to);
        for (const t of instantsFor(zone)) {
          const instant = new Date(t);
          const moment = new Date(t + 1);
          const days = new Date(t + 2.5 * 86_400_000);
          expect(asText(s, instant, moment), `${zone} ${from}–${to} at ${instant.toISOString()}`).toEqual(
            plainWalk(s, instant, moment),
          );
          expect(asText(s, instant, days), `${zone} ${from}–${to} from ${instant.toISOString()}`).toEqual(
            plainWalk(s, instant, days),
          );
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(2_500);
  });

  it("are computed afresh for a shift read again from a changed rotations file", () => {
    const from = new Date("2026-06-01T00:00:00Z");
    const to = new Date("2026-06-02T00:00:00Z");
    const before = shift({ name: "emea", timeZone: "Europe/Dublin" }, "09:00", "17:00");
    expect(asText(before, from, to)).toEqual(["2026-06-01T09:00:00.000+01:00→2026-06-01T17:00:00.000+01:00"]);
    const after = shift({ name: "emea", timeZone: "Europe/Dublin" }, "10:00", "18:00");
    expect(asText(after, from, to)).toEqual(["2026-06-01T10:00:00.000+01:00→2026-06-01T18:00:00.000+01:00"]);
  });
});
