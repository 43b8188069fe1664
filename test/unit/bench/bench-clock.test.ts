// The staleness bench's clock: wall time in fractions of a millisecond (its floor is 1–4 ms,
// so whole milliseconds were a quantum of 25–100% of it), plus the idle time skipped.
import { describe, expect, it } from "vitest";
import { BenchClock } from "../../../bench/staleness/bench-clock.ts";

describe("bench clock", () => {
  it("reads wall time below the millisecond and adds the time skipped", () => {
    const clock = new BenchClock();
    const before = Date.now();
    const read = clock.now();
    const after = Date.now();
    // Wall time, not time since the process started: near Date.now (a second either side, so a
    // wall clock stepped by NTP since the process started does not fail it).
    expect(read).toBeGreaterThanOrEqual(before - 1_000);
    expect(read).toBeLessThanOrEqual(after + 1_000);
    // Below the millisecond: some of a thousand readings are not whole milliseconds.
    const readings = Array.from({ length: 1000 }, () => clock.now());
    expect(readings.some((r) => !Number.isInteger(r))).toBe(true);
    // Never backwards, and a skip moves it on by what was skipped (negative skips do nothing).
    for (let i = 1; i < readings.length; i++)
      expect(readings[i]).toBeGreaterThanOrEqual(readings[i - 1] ?? 0);
    const beforeSkip = clock.now();
    clock.skip(3_600_000);
    clock.skip(-5);
    expect(clock.skippedMs).toBe(3_600_000);
    expect(clock.now() - beforeSkip).toBeGreaterThanOrEqual(3_600_000);
  });
});
