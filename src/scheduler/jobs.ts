// Every scheduled job, in the order they run at one instant. Each is a named function over
// the same services the Slack handlers use; see scheduler.ts for when and who.
import type { Deps } from "../deps.ts";
import type { OutboxWorker } from "../outbox/worker.ts";
import { handoffJobs } from "./handoff-jobs.ts";
import { retentionJob } from "./retention.ts";
import type { ScheduledJob } from "./scheduler.ts";
import { updateRemindersJob } from "./update-reminders.ts";

/** Delivers outbox messages that are due (first attempts are also kicked right after commit). */
export function outboxJob(outbox: OutboxWorker): ScheduledJob {
  return {
    name: "outbox",
    nextDueAfter: (instant) => outbox.nextDueAfter(instant),
    run: () => outbox.drain(),
    // Delivering makes nothing else due; new work kicks the worker itself.
    feedsOtherJobs: false,
  };
}

export function scheduledJobs(deps: Deps, outbox: OutboxWorker): ScheduledJob[] {
  return [...handoffJobs(deps), updateRemindersJob(deps), outboxJob(outbox), retentionJob(deps)];
}
