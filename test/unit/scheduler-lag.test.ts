// Scheduler lag: how long after a job's due time the tick that ran it came. The due time is the
// job's own answer after the previous tick, so a tick that stalls shows as lag; a job with
// nothing due reports none.
import { describe, expect, it } from "vitest";
import { SimulatedClock } from "../../src/clock/clock.ts";
import { createLogger } from "../../src/log/logger.ts";
import { Scheduler } from "../../src/scheduler/scheduler.ts";

const logger = createLogger({ level: "fatal", format: "json", destination: { write: () => {} } });
const T0 = new Date("2026-03-08T06:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe("scheduler lag", () => {
  it("is the time from a job's due time to the tick that ran it, per job", async () => {
    const clock = new SimulatedClock(T0);
    const lags: [string, number][] = [];
    const reminders = { name: "reminders", nextDueAfter: async () => at(10), run: async () => 1 };
    const idle = { name: "idle", nextDueAfter: async () => null, run: async () => 0 };
    const scheduler = new Scheduler({
      jobs: [reminders, idle],
      clock,
      logger,
      cronExpression: "*/15 * * * * *",
      observeLag: (job, seconds) => lags.push([job, seconds]),
    });

    await scheduler.runDue(); // learns that reminders fall due at +10 s
    expect(lags).toEqual([]);
    clock.set(at(25)); // the tick comes 15 s after that
    await scheduler.runDue();
    expect(lags).toEqual([["reminders", 15]]);
  });

  it("reports nothing while the known due time is still ahead", async () => {
    const clock = new SimulatedClock(T0);
    const lags: number[] = [];
    const later = { name: "later", nextDueAfter: async () => at(3600), run: async () => 0 };
    const scheduler = new Scheduler({
      jobs: [later],
      clock,
      logger,
      cronExpression: "*/15 * * * * *",
      observeLag: (_job, seconds) => lags.push(seconds),
    });
    await scheduler.runDue();
    clock.set(at(15));
    await scheduler.runDue();
    expect(lags).toEqual([]);
  });
});
