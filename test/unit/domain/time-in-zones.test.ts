// Times in a zone (formatInZone) are looked up once per zone and quarter hour, for the pages,
// the drafts and Slack's messages alike. They must read exactly as asking luxon for each
// instant does: in every zone the runtime knows, across daylight-saving changes in both
// hemispheres, at the odd offsets (+05:45, +08:45, Lord Howe's half-hour summer time), and as
// UTC for a zone that is not one.
import fc from "fast-check";
import { DateTime, IANAZone } from "luxon";
import { describe, expect, it } from "vitest";
import { formatInZone, formatUtc } from "../../../src/domain/time/format.ts";

/** What formatInZone gave when it asked luxon for every instant: the oracle. */
function askingLuxon(date: Date, zone: string, withDate: boolean): string {
  const local = DateTime.fromJSDate(date, { zone });
  if (!local.isValid) return formatUtc(date, withDate);
  const abbreviation = local.toFormat("ZZZZ");
  const label = /^[A-Z]{2,5}$/.test(abbreviation) ? abbreviation : local.toFormat("'UTC'ZZ");
  return `${withDate ? `${local.toFormat("yyyy-LL-dd")} ` : ""}${local.toFormat("HH:mm")} ${label}`;
}

const ZONES = Intl.supportedValuesOf("timeZone");
const FROM = Date.parse("1990-01-01T00:00:00Z");
const TO = Date.parse("2037-12-31T00:00:00Z");

describe("times in a zone", () => {
  it("read as luxon gives them, in every zone the runtime knows", () => {
    expect(ZONES.length).toBeGreaterThan(300);
    for (const zone of ZONES)
      fc.assert(
        fc.property(fc.integer({ min: FROM, max: TO }), fc.boolean(), (ms, withDate) => {
          const at = new Date(ms);
          expect(formatInZone(at, zone, withDate)).toBe(askingLuxon(at, zone, withDate));
        }),
        { numRuns: 10 },
      );
  });

  it("read as luxon gives them around every offset change of four years, in every zone", () => {
    // Some fall off the quarter hour: America/Goose_Bay changed at 00:01 until 2011.
    const WEEK = 7 * 86_400_000;
    let changes = 0;
    for (const year of [2005, 2010, 2024, 2031]) {
      const from = Date.UTC(year, 0, 1);
      const to = Date.UTC(year + 1, 0, 8);
      for (const name of ZONES) {
        const zone = IANAZone.create(name);
        for (let ms = from + WEEK; ms <= to; ms += WEEK) {
          if (zone.offset(ms) === zone.offset(ms - WEEK)) continue;
          // The first minute with the new offset, by bisection over the week.
          let low = ms - WEEK;
          let high = ms;
          while (high - low > 60_000) {
            const mid = low + Math.floor((high - low) / 120_000) * 60_000;
            if (zone.offset(mid) === zone.offset(low)) low = mid;
            else high = mid;
          }
          changes++;
          for (const at of [high - 30_000, high + 30_000]) {
            const date = new Date(at);
            expect(`${name} ${formatInZone(date, name, true)}`).toBe(
              `${name} ${askingLuxon(date, name, true)}`,
            );
          }
        }
      }
    }
    expect(changes).toBeGreaterThan(500);
  });

  it("change at the right minute around daylight-saving changes and at odd offsets", () => {
    const around: [string, string][] = [
      ["America/New_York", "2024-03-10T07:00:00Z"],
      ["America/New_York", "2024-11-03T06:00:00Z"],
      ["Europe/Dublin", "2024-03-31T01:00:00Z"],
      ["Europe/Dublin", "2024-10-27T01:00:00Z"],
      ["Australia/Lord_Howe", "2024-04-06T15:00:00Z"],
      ["Australia/Lord_Howe", "2024-10-05T15:30:00Z"],
      ["America/Santiago", "2024-04-07T03:00:00Z"],
      ["Pacific/Chatham", "2024-04-06T14:00:00Z"],
      ["Asia/Kathmandu", "2024-06-01T00:00:00Z"],
      ["Australia/Eucla", "2024-06-01T00:00:00Z"],
      ["Asia/Seoul", "2023-03-08T14:59:00Z"],
    ];
    for (const [zone, at] of around)
      for (let m = -90; m < 90; m++) {
        const date = new Date(Date.parse(at) + m * 60_000 + 30_000);
        for (const withDate of [true, false])
          expect(formatInZone(date, zone, withDate)).toBe(askingLuxon(date, zone, withDate));
      }
  });

  it("gives UTC for a zone that is not one, and keeps giving the right zone after it", () => {
    const at = new Date("2026-03-08T06:30:00Z");
    expect(formatInZone(at, "Not/AZone", true)).toBe("2026-03-08 06:30 UTC");
    expect(formatInZone(at, "Asia/Seoul", true)).toBe(askingLuxon(at, "Asia/Seoul", true));
  });
});
