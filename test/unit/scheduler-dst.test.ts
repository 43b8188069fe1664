// The scheduler's tick is a UTC schedule: on a host whose local clock falls back (New York,
// 1 November 2026, 02:00 EDT → 01:00 EST at 06:00 UTC), no tick is skipped or doubled. In the
// host's zone, node-cron would jump from 05:59 to 07:00 UTC: an hour with no reminders,
// handoff prompts, escalations or outbox retries.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { systemClock } from "../../src/clock/clock.ts";
import { createLogger } from "../../src/log/logger.ts";
import { Scheduler } from "../../src/scheduler/scheduler.ts";

const logger = createLogger({ level: "fatal", format: "json", destination: { write: () => {} } });

describe("the scheduler across a daylight-saving fall-back on the host", () => {
  const hostZone = process.env.TZ;
  let scheduler: Scheduler;
  beforeEach(() => {
    process.env.TZ = "America/New_York";
    vi.useFakeTimers({ now: new Date("2026-11-01T05:57:30Z"), toFake: ["Date"] });
  });
  afterEach(async () => {
    await scheduler.stop();
    vi.useRealTimers();
    if (hostZone === undefined) delete process.env.TZ;
    else process.env.TZ = hostZone;
  });

  it("ticks every minute through the repeated hour", async () => {
    // The host really is in a zone that falls back here (01:57 EDT, four hours behind UTC).
    expect(new Date().getTimezoneOffset()).toBe(240);
    const job = { name: "none", nextDueAfter: async () => null, run: async () => 0 };
    scheduler = new Scheduler({ jobs: [job], clock: systemClock, logger, cronExpression: "0 * * * * *" });
    await scheduler.start();
    const ticks = scheduler.upcomingTicks(6).map((tick) => tick.toISOString().slice(11, 16));
    expect(ticks).toEqual(["05:58", "05:59", "06:00", "06:01", "06:02", "06:03"]);
  });

  it("runs the default tick (every 15 seconds) through the change, 15 seconds apart", async () => {
    const job = { name: "none", nextDueAfter: async () => null, run: async () => 0 };
    scheduler = new Scheduler({ jobs: [job], clock: systemClock, logger, cronExpression: "*/15 * * * * *" });
    await scheduler.start();
    const ticks = scheduler.upcomingTicks(20).map((tick) => tick.getTime());
    const gaps = ticks.slice(1).map((tick, i) => (tick - (ticks[i] as number)) / 1000);
    expect(new Set(gaps)).toEqual(new Set([15]));
    expect(new Date(ticks.at(-1) as number).toISOString()).toBe("2026-11-01T06:02:30.000Z");
  });
});
