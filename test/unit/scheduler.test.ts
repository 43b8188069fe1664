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

const schedulerOf = (jobs: ScheduledJob[], clock: SimulatedClock) =>
  new Scheduler({ jobs, clock, logger, cronExpression: "* * * * *" });

describe("Scheduler.advanceTo", () => {
  it("stops at every due time on the way, in order, with the clock set to it", async () => {
    const clock = new SimulatedClock(at("06:00"));
    const log: string[] = [];
    const jobs = [
      jobWith("reminders", [at("06:30"), at("07:30")], log, clock),
      jobWith("handoffs", [at("06:45"), at("08:00")], log, clock),
    ];
    const scheduler = schedulerOf(jobs, clock);
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
    const scheduler = schedulerOf([consumer, producer], clock);
    await scheduler.advanceTo(clock, at("06:20"));
    expect(log).toEqual(["delivered 06:10"]);
  });

  it("runs a move shorter than a second once, at its end, without asking for due times", async () => {
    const clock = new SimulatedClock(at("06:00"));
    const ranAt: string[] = [];
    let asked = 0;
    const job: ScheduledJob = {
      name: "probe",
      nextDueAfter: async () => {
        asked++;
        return null;
      },
      run: async (now) => {
        ranAt.push(now.toISOString());
        return 0;
      },
    };
    const scheduler = schedulerOf([job], clock);
    const end = new Date(at("06:00").getTime() + 20);
    await scheduler.advanceTo(clock, end);
    expect(ranAt).toEqual([end.toISOString()]);
    expect(asked).toBe(0);
    expect(clock.now()).toEqual(end);
  });

  it("does not run the jobs again where they last settled, and still runs what became due since", async () => {
    const clock = new SimulatedClock(at("06:00"));
    const ranAt: string[] = [];
    const due: Date[] = [];
    const job: ScheduledJob = {
      name: "reminders",
      nextDueAfter: async (instant) => due.find((d) => d > instant) ?? null,
      run: async (now) => {
        ranAt.push(now.toISOString().slice(11, 16));
        const ready = due.filter((d) => d <= now);
        due.splice(0, ready.length);
        return ready.length;
      },
    };
    const scheduler = schedulerOf([job], clock);
    await scheduler.advanceTo(clock, at("06:10"));
    expect(ranAt).toEqual(["06:00", "06:10"]);
    // Committed between moves, due at the instant the jobs just settled at.
    due.push(at("06:10"));
    ranAt.length = 0;
    const runs = await scheduler.advanceTo(clock, at("06:20"));
    // Not at 06:10 again; at 06:20, a second round after the first found work.
    expect([...new Set(ranAt)]).toEqual(["06:20"]);
    expect(runs).toBe(1);
    expect(due).toEqual([]);
  });

  it("does not run every job again at an instant because a job that feeds none made progress", async () => {
    const clock = new SimulatedClock(at("06:00"));
    let outboxRuns = 0;
    let reminderRuns = 0;
    const outbox: ScheduledJob = {
      name: "outbox",
      feedsOtherJobs: false,
      nextDueAfter: async () => null,
      run: async () => {
        outboxRuns++;
        return 3;
      },
    };
    const reminders: ScheduledJob = {
      name: "reminders",
      nextDueAfter: async () => null,
      run: async () => {
        reminderRuns++;
        return 0;
      },
    };
    const scheduler = schedulerOf([reminders, outbox], clock);
    await scheduler.advanceTo(clock, at("06:00"));
    expect({ outboxRuns, reminderRuns }).toEqual({ outboxRuns: 1, reminderRuns: 1 });
  });
});
