// isoInstant is toISOString with the day's date part cached: it must agree with toISOString
// everywhere, across days in any order, before the epoch, past year 9999, and on invalid dates.
import { describe, expect, it } from "vitest";
import { isoInstant } from "../../../src/domain/time/iso-instant.ts";

const DAY = 86_400_000;

describe("isoInstant", () => {
  it("writes what toISOString writes, at the edges of days, years and the epoch", () => {
    const edges = [
      0,
      -1,
      1,
      DAY - 1,
      DAY,
      -DAY,
      -DAY - 1,
      Date.UTC(2023, 2, 8, 6, 0, 12, 960),
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(10_000, 0, 1),
      Date.UTC(-1, 0, 1, 0, 0, 0, 1),
      Date.UTC(0, 0, 1) - 1,
      8.64e15,
      -8.64e15,
    ];
    // Alternating between days as well, so a cached date part never leaks into another day.
    for (const time of [...edges, ...edges.reverse()]) {
      const date = new Date(time);
      expect(isoInstant(date)).toBe(date.toISOString());
    }
  });

  it("agrees with toISOString on many instants of one incident and across the whole range", () => {
    const start = Date.UTC(2023, 2, 8, 6);
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const mismatches: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      for (const time of [
        start + Math.floor(random() * 3 * DAY),
        Math.floor((random() - 0.5) * 2 * 8.64e15),
      ]) {
        const date = new Date(time);
        if (isoInstant(date) !== date.toISOString()) mismatches.push(`${time}: ${isoInstant(date)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("throws on an invalid date, as toISOString does, even right after a valid one", () => {
    isoInstant(new Date(0));
    expect(() => isoInstant(new Date(Number.NaN))).toThrow(RangeError);
  });
});
