// The simulated clock runs every job at each of its due times, in time order.
import { describe, expect, it } from "vitest";
import { SimulatedClock } from "../../src/clock/clock.ts";
import { createLogger } from "../../src/log/logger.ts";
import { type ScheduledJob, Scheduler } from "../../src/scheduler/scheduler.ts";

const logger = createLogger({ level: "fatal", format: "json", destination: { write: () => {} } });
const at = (iso: string) => new Date(`2026-03-08T${iso}:00Z`);

/** A job with fixed due times that records when it ran. */
function jobWith(name: string, due: Date[], log: string[], clock: SimulatedClock): ScheduledJob {
  const pending = [...due];
  return {
    name,
    async nextDueAfter(instant) {
      return pending.find((d) => d > instant) ?? null;
    },
    async run(now) {
      let done = 0;
      while (pending[0] && pending[0] <= now) {
        log.push(
          `${name}@${pending.shift()?.toISOString().slice(11, 16)} (clock ${clock.now().toISOString().slice(11, 16)})`,
        );
        done++;
      }
      return done;
    },
  };
}

describe("Scheduler.advanceTo", () => {
  it("stops at every due time on the way, in order, with the clock set to it", async () => {
    const clock = new SimulatedClock(at("06:00"));
    const log: string[] = [];
    const jobs = [
      jobWith("reminders", [at("06:30"), at("07:30")], log, clock),
      jobWith("handoffs", [at("06:45"), at("08:00")], log, clock),
    ];
    const scheduler = new Scheduler({ jobs, clock, logger, cronExpression: "* * * * *" });
    const runs = await scheduler.advanceTo(clock, at("07:45"));
    expect(log).toEqual([
      "reminders@06:30 (clock 06:30)",
      "handoffs@06:45 (clock 06:45)",
      "reminders@07:30 (clock 07:30)",
    ]);
    expect(runs).toBe(3);
    expect(clock.now()).toEqual(at("07:45"));
    await scheduler.advanceTo(clock, at("09:00"));
    expect(log.at(-1)).toBe("handoffs@08:00 (clock 08:00)");
  });

  it("runs work that another job makes due at the same instant", async () => {
    const clock = new SimulatedClock(at("06:00"));
    const log: string[] = [];
    const outboxDue: Date[] = [];
    let produced = false;
    const producer: ScheduledJob = {
      name: "reminder",
      nextDueAfter: async (instant) => (at("06:10") > instant ? at("06:10") : null),
      async run(now) {
        if (produced || now < at("06:10")) return 0;
        produced = true;
        outboxDue.push(now);
        return 1;
      },
    };
    const consumer = jobWith("outbox", [], log, clock);
    consumer.run = async (now) => {
      const due = outboxDue.splice(0).filter((d) => d <= now);
      for (const d of due) log.push(`delivered ${d.toISOString().slice(11, 16)}`);
      return due.length;
    };
    const scheduler = new Scheduler({
      jobs: [consumer, producer],
      clock,
      logger,
      cronExpression: "* * * * *",
    });
    await scheduler.advanceTo(clock, at("06:20"));
    expect(log).toEqual(["delivered 06:10"]);
  });
});
