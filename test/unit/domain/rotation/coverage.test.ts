// Coverage over a week: gaps and overlaps named by day and time, moving with the clocks.
import { describe, expect, it } from "vitest";
import { coverageFindings, coverageWarnings } from "../../../../src/domain/rotation/coverage.ts";
import { at, followTheSun, iso, rotation, shift } from "./fixtures.ts";

describe("coverage gaps and overlaps", () => {
  it("a rotation covering every hour has nothing to report", () => {
    const utc = rotation("utc", [
      shift({ name: "a", timeZone: "UTC" }, "00:00", "08:00"),
      shift({ name: "b", timeZone: "UTC" }, "08:00", "16:00"),
      shift({ name: "c", timeZone: "UTC" }, "16:00", "00:00"),
    ]);
    expect(coverageFindings(utc, at("2026-03-23T00:00Z"))).toEqual([]);
    // follow-the-sun covers winter exactly.
    expect(coverageWarnings(followTheSun, at("2026-01-12T00:00Z"))).toEqual([]);
  });

  it("finds the overlap and the gap New York's clock change opens, every day of the week", () => {
    const findings = coverageFindings(followTheSun, at("2026-03-09T00:00Z"), 1);
    expect(findings.map((f) => [f.kind, iso(f.start), iso(f.end), f.shifts.join("+")])).toEqual([
      ["overlap", "2026-03-09T15:00:00.000Z", "2026-03-09T16:00:00.000Z", "emea+amer"],
      ["gap", "2026-03-09T23:00:00.000Z", "2026-03-10T00:00:00.000Z", ""],
    ]);
    expect(coverageWarnings(followTheSun, at("2026-03-08T00:00Z"))).toEqual([
      'rotation "follow-the-sun": shifts emea and amer overlap 15:00–16:00 UTC (1h) on Sun 8 Mar – Sat 14 Mar (every day)',
      'rotation "follow-the-sun": nobody is on duty 23:00–24:00 UTC (1h) on Sun 8 Mar – Sat 14 Mar (every day)',
    ]);
  });

  it("names the day Dublin's clocks change: the overlap moves from EMEA/AMER to APAC/EMEA on Sun 29 Mar", () => {
    expect(coverageWarnings(followTheSun, at("2026-03-23T00:00Z"))).toEqual([
      'rotation "follow-the-sun": shifts emea and amer overlap 15:00–16:00 UTC (1h) on Mon 23 Mar – Sat 28 Mar (every day)',
      'rotation "follow-the-sun": nobody is on duty 23:00–24:00 UTC (1h) on Mon 23 Mar – Sun 29 Mar (every day)',
      'rotation "follow-the-sun": shifts apac and emea overlap Sun 29 Mar 07:00–08:00 UTC (1h)',
    ]);
  });

  it("reports the autumn week when Europe has changed back and New York has not", () => {
    const warnings = coverageWarnings(followTheSun, at("2026-10-26T00:00Z"));
    expect(warnings).toContain(
      'rotation "follow-the-sun": nobody is on duty 23:00–24:00 UTC (1h) on Mon 26 Oct – Sat 31 Oct (every day)',
    );
    // From Sun 1 Nov (New York back on EST) coverage is whole again.
    expect(warnings.join("\n")).not.toContain("1 Nov");
  });

  it("a weekday rotation reports the weekend as one gap spanning days", () => {
    const weekdays = rotation("office", [
      shift({ name: "day", timeZone: "UTC", days: ["mon", "tue", "wed", "thu", "fri"] }, "00:00", "24:00"),
    ]);
    expect(coverageWarnings(weekdays, at("2026-01-12T00:00Z"))).toEqual([
      'rotation "office": nobody is on duty Sat 17 Jan 00:00 – Mon 19 Jan 00:00 UTC (2d)',
    ]);
  });
});
