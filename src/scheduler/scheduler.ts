// Runs scheduled jobs. node-cron decides *when* to look (every tick of SCHEDULER_CRON); each
// job decides *what* is due from the database and the app's clock; per-item claims in the
// database decide *who* (one replica per due item). With the simulated clock there are no
// ticks: moving the clock runs every job at each of its due times, in time order (finer than a
// production tick, which runs a job up to one SCHEDULER_CRON period after it fell due).
import cron, { type ScheduledTask } from "node-cron";
import type { Clock, SimulatedClock } from "../clock/clock.ts";
import type { Logger } from "../log/logger.ts";

export interface ScheduledJob {
  name: string;
  /** The earliest time strictly after `instant` at which this job has work (null: none known). */
  nextDueAfter(instant: Date): Promise<Date | null>;
  /** Does whatever is due at `now`; resolves with how many items it handled. */
  run(now: Date): Promise<number>;
  /**
   * False for a job whose work never makes another job due (the outbox only delivers): its
   * progress alone does not run every job again at the same instant. Default true.
   */
  feedsOtherJobs?: boolean;
}

export interface SchedulerOptions {
  jobs: ScheduledJob[];
  clock: Clock;
  logger: Logger;
  cronExpression: string;
  /** Told how late each tick ran a job that was due (metrics). */
  observeLag?(job: string, seconds: number): void;
}

const MAX_STEPS_PER_ADVANCE = 100_000;
/**
 * A move of the simulated clock shorter than this runs the jobs once, at its end, without
 * asking each job for its next due time: a replay that follows wall time moves the clock every
 * few milliseconds, and stopping at due times inside such a move would cost a query per job per
 * move to place work a few milliseconds earlier. Still far finer than a production tick.
 */
const STOP_RESOLUTION_MS = 1_000;

export class Scheduler {
  readonly #o: SchedulerOptions;
  #task: ScheduledTask | undefined;
  #running: Promise<number> | null = null;
  /** Per job, its next due time as known after the last tick: the next tick's lag is measured from it. */
  readonly #nextDue = new Map<string, Date | null>();
  /**
   * The simulated instant at which every job last ran until none found work. The next move
   * starts there without running them again first: what was committed since is due by the
   * move's first stop, where it runs.
   */
  #settledAt: number | null = null;

  constructor(options: SchedulerOptions) {
    this.#o = options;
  }

  /** Starts periodic ticks (system clock only) and runs what is already due, e.g. missed while down. */
  async start(): Promise<void> {
    this.#task = cron.schedule(this.#o.cronExpression, () => void this.runDue(), {
      name: "incident-bot-scheduler",
      noOverlap: true,
      // In the host's zone, node-cron pauses for up to an hour when the local clock falls back;
      // every job reads due times from the database in UTC, so the tick runs in UTC too.
      timezone: "UTC",
    });
    await this.runDue();
  }

  /** When the next `count` ticks fall (empty before start): for diagnostics and tests. */
  upcomingTicks(count: number): Date[] {
    return this.#task?.getNextRuns(count) ?? [];
  }

  async stop(): Promise<void> {
    await this.#task?.stop();
    await this.#task?.destroy();
    await this.#running?.catch(() => {});
  }

  /** Runs every job once at the clock's now. One run at a time per process. */
  runDue(): Promise<number> {
    if (this.#running) return this.#running;
    this.#running = (async () => {
      let handled = 0;
      const now = this.#o.clock.now();
      for (const job of this.#o.jobs) {
        handled += await this.#runJob(job, now);
        if (this.#o.observeLag) await this.#measureLag(job, now);
      }
      return handled;
    })().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /**
   * Moves a simulated clock to `target`, stopping at every due time on the way and running the
   * jobs due then, in time order. Resolves with the number of job runs that found work, once
   * all have finished.
   */
  async advanceTo(clock: SimulatedClock, target: Date): Promise<number> {
    await this.#running?.catch(() => {});
    let jobRuns = 0;
    let at = clock.now();
    if (target.getTime() - at.getTime() < STOP_RESOLUTION_MS) {
      // A short move (or none): one run at its end (at its start when it does not move).
      clock.set(target);
      return this.#runAllAt(target);
    }
    for (let step = 0; step < MAX_STEPS_PER_ADVANCE; step++) {
      if (step > 0 || this.#settledAt !== at.getTime()) jobRuns += await this.#runAllAt(at);
      const next = await this.#nextDueAfter(at);
      if (!next || next > target) break;
      clock.set(next);
      at = next;
    }
    clock.set(target);
    if (target > at) jobRuns += await this.#runAllAt(target);
    return jobRuns;
  }

  /**
   * Runs every job at one instant, again while any finds work: a job's work can make another
   * job due at the same instant (a reminder enqueues a message for the outbox).
   */
  async #runAllAt(at: Date): Promise<number> {
    let runs = 0;
    for (let round = 0; round < 10; round++) {
      let progressed = false;
      for (const job of this.#o.jobs) {
        if ((await this.#runJob(job, at)) > 0) {
          runs++;
          if (job.feedsOtherJobs !== false) progressed = true;
        }
      }
      if (!progressed) {
        this.#settledAt = at.getTime();
        break;
      }
    }
    return runs;
  }

  async #nextDueAfter(instant: Date): Promise<Date | null> {
    let earliest: Date | null = null;
    for (const job of this.#o.jobs) {
      const next = await job.nextDueAfter(instant);
      if (next && next > instant && (!earliest || next < earliest)) earliest = next;
    }
    return earliest;
  }

  /**
   * Lag = how long after its due time a tick ran a job: the due time comes from the job itself
   * (asked after the previous tick), so a stalled tick or a slow cron shows as lag.
   */
  async #measureLag(job: ScheduledJob, now: Date): Promise<void> {
    const due = this.#nextDue.get(job.name);
    if (due && due <= now) this.#o.observeLag?.(job.name, (now.getTime() - due.getTime()) / 1000);
    // Asked at every tick: work added since (a new reminder) may be due sooner than the last answer.
    this.#nextDue.set(job.name, await job.nextDueAfter(now).catch(() => null));
  }

  async #runJob(job: ScheduledJob, now: Date): Promise<number> {
    try {
      return await job.run(now);
    } catch (error) {
      this.#o.logger.error(
        { err: error, job: job.name },
        "scheduled job failed; it runs again at the next tick",
      );
      return 0;
    }
  }
}
