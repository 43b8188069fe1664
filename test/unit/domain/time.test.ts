import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "../../../src/domain/time/duration.ts";
import { formatInZone, formatUtc } from "../../../src/domain/time/format.ts";
import { assertPlausibleTime, parseTime } from "../../../src/domain/time/parse-time.ts";

const now = new Date("2026-03-08T06:30:00Z");

describe("parseTime", () => {
  it("reads HH:MM as UTC, the most recent such time not in the future", () => {
    expect(parseTime("06:21", now).toISOString()).toBe("2026-03-08T06:21:00.000Z");
    expect(parseTime("23:50", now).toISOString()).toBe("2026-03-07T23:50:00.000Z");
    expect(parseTime("06:30", now).toISOString()).toBe("2026-03-08T06:30:00.000Z");
  });

  it("reads dates with times (UTC), ISO 8601 with offsets, and relative times", () => {
    expect(parseTime("2026-03-07 22:05", now).toISOString()).toBe("2026-03-07T22:05:00.000Z");
    expect(parseTime("2026-03-08T15:21+09:00", now).toISOString()).toBe("2026-03-08T06:21:00.000Z");
    expect(parseTime("2026-03-08T06:21:30Z", now).toISOString()).toBe("2026-03-08T06:21:30.000Z");
    expect(parseTime("-15m", now).toISOString()).toBe("2026-03-08T06:15:00.000Z");
    expect(parseTime("-1h30m", now).toISOString()).toBe("2026-03-08T05:00:00.000Z");
  });

  it("reads HH:MM and YYYY-MM-DD HH:MM in the typist's zone unless they say UTC, Z or an offset", () => {
    const later = new Date("2026-03-08T01:00:00Z"); // 10:00 in Seoul
    expect(parseTime("09:15", later, "Asia/Seoul").toISOString()).toBe("2026-03-08T00:15:00.000Z");
    // 10:30 in Seoul has not come yet today there: yesterday's.
    expect(parseTime("10:30", later, "Asia/Seoul").toISOString()).toBe("2026-03-07T01:30:00.000Z");
    expect(parseTime("2026-03-08 09:15", later, "Asia/Seoul").toISOString()).toBe("2026-03-08T00:15:00.000Z");
    for (const utc of ["00:15 UTC", "00:15Z", "00:15 z", "00:15 GMT", "2026-03-08 00:15 UTC"])
      expect(parseTime(utc, later, "Asia/Seoul").toISOString(), utc).toBe("2026-03-08T00:15:00.000Z");
    expect(parseTime("09:15 +09:00", later, "America/New_York").toISOString()).toBe(
      "2026-03-08T00:15:00.000Z",
    );
    expect(parseTime("2026-03-07 19:15-0500", later, "Asia/Seoul").toISOString()).toBe(
      "2026-03-08T00:15:00.000Z",
    );
    // New York's wall clock, across its change to summer time (8 March 2026, 02:00 → 03:00).
    const ny = new Date("2026-03-08T12:00:00Z"); // 08:00 EDT
    expect(parseTime("01:30", ny, "America/New_York").toISOString()).toBe("2026-03-08T06:30:00.000Z");
    expect(parseTime("07:30", ny, "America/New_York").toISOString()).toBe("2026-03-08T11:30:00.000Z");
    // A zone Slack does not know reads as UTC, never as nothing.
    expect(parseTime("00:15", later, "Mars/Olympus").toISOString()).toBe("2026-03-08T00:15:00.000Z");
    expect(parseTime("-15m", later, "Asia/Seoul").toISOString()).toBe("2026-03-08T00:45:00.000Z");
  });

  it("refuses what it cannot read, naming the formats", () => {
    for (const bad of ["25:00", "6pm", "2026-02-30 10:00", "yesterday", "-15x", "2026-13-08T06:21Z"]) {
      expect(() => parseTime(bad, now), bad).toThrow(/HH:MM/);
    }
  });

  it("refuses future times and times long before the incident", () => {
    const first = new Date("2026-03-08T05:00:00Z");
    expect(() => assertPlausibleTime(new Date("2026-03-08T06:31:00Z"), now, first)).toThrow(/future/);
    expect(() => assertPlausibleTime(new Date("2026-02-28T00:00:00Z"), now, first)).toThrow(/7 days/);
    expect(() => assertPlausibleTime(new Date("2026-03-02T00:00:00Z"), now, first)).not.toThrow();
  });
});

describe("durations", () => {
  it("parses and formats", () => {
    expect(parseDuration("90s")).toBe(90_000);
    expect(parseDuration("1d")).toBe(86_400_000);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("abc")).toBeUndefined();
    expect(formatDuration(5_400_000)).toBe("1h 30m");
    expect(formatDuration(2 * 86_400_000 + 3_600_000)).toBe("2d 1h");
    expect(formatDuration(42_000)).toBe("42s");
  });
});

describe("formatting", () => {
  it("labels UTC and local zones, across daylight saving", () => {
    expect(formatUtc(now)).toBe("06:30 UTC");
    expect(formatUtc(now, true)).toBe("2026-03-08 06:30 UTC");
    expect(formatInZone(now, "Asia/Seoul")).toMatch(/^15:30 /);
    expect(formatInZone(new Date("2026-07-01T12:00:00Z"), "America/New_York")).toBe("08:00 EDT");
    expect(formatInZone(new Date("2026-01-01T12:00:00Z"), "America/New_York")).toBe("07:00 EST");
  });
});
