// Retention: once an hour, one replica (the holder of the "retention" lease) deletes handled-
// request records and delivered outbox messages older than DATA_RETENTION, in bounded batches.
// What idempotency or delivery still needs is never touched (see src/db/repositories/retention.ts):
// DATA_RETENTION is at least a day, far past Slack's retries, and only delivered messages go.
import { acquireLease, releaseLease } from "../db/leases.ts";
import {
  deleteDeliveredOutbox,
  deleteExpiredRequests,
  oldestRetained,
} from "../db/repositories/retention.ts";
import type { Deps } from "../deps.ts";
import type { ScheduledJob } from "./scheduler.ts";

export const RETENTION_LEASE = "retention";
const INTERVAL_MS = 3600_000;
/** Rows per statement, and statements per table per run: the rest waits for the next hour. */
export const RETENTION_BATCH = 500;
const MAX_BATCHES = 20;
const LEASE_MS = 5 * 60_000;

type Sweep = typeof deleteExpiredRequests;

export function retentionJob(
  deps: Pick<Deps, "database" | "config" | "logger" | "instanceId">,
): ScheduledJob {
  const { db } = deps.database;
  let lastHour: number | null = null;
  // The next due time as last read, until it comes or this process runs the job. The scheduler
  // asks at every tick, and the read scans every handled request (a MIN over a prefix of its
  // key): at 100,000 of each kind of record, 37 ms of SQLite's time on the event loop and 17 ms
  // of PostgreSQL's, every 15 seconds, growing with the outage. Kept, it is never late: the
  // oldest record only moves later (records are stamped as they are written, and only
  // deletions remove them), so the true due time is this one or after. Read again once it
  // comes, and after every run (this replica's or, seen as a lease held, another's).
  let knownDue: Date | null = null;

  async function sweep(what: Sweep, cutoff: Date, now: Date): Promise<number> {
    let removed = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const count = await what(db, cutoff, RETENTION_BATCH);
      removed += count;
      if (count < RETENTION_BATCH) break;
      // Still ours? (renews it; a replica that lost it stops.)
      if (!(await acquireLease(db, RETENTION_LEASE, deps.instanceId, now, LEASE_MS))) break;
    }
    return removed;
  }

  return {
    name: "retention",
    // Deleting what expired makes nothing else due.
    feedsOtherJobs: false,
    // The first hour boundary after `instant` at which the oldest record has expired.
    async nextDueAfter(instant) {
      if (knownDue && instant < knownDue) return knownDue;
      const oldest = await oldestRetained(db);
      if (!oldest) {
        knownDue = null;
        return null;
      }
      const expires = Math.max(oldest.getTime() + deps.config.retentionMs, instant.getTime());
      knownDue = new Date((Math.floor(expires / INTERVAL_MS) + 1) * INTERVAL_MS);
      return knownDue;
    },
    async run(now) {
      // Once per hour per process (the scheduler ticks far more often); once across replicas.
      const hour = Math.floor(now.getTime() / INTERVAL_MS);
      if (hour === lastHour) return 0;
      lastHour = hour;
      knownDue = null;
      if (!(await acquireLease(db, RETENTION_LEASE, deps.instanceId, now, LEASE_MS))) return 0;
      try {
        const cutoff = new Date(now.getTime() - deps.config.retentionMs);
        const requests = await sweep(deleteExpiredRequests, cutoff, now);
        const outbox = await sweep(deleteDeliveredOutbox, cutoff, now);
        if (requests || outbox)
          deps.logger.info(
            { requests, outbox, before: cutoff.toISOString() },
            "retention removed old request records and delivered outbox messages",
          );
        return requests + outbox;
      } finally {
        await releaseLease(db, RETENTION_LEASE, deps.instanceId);
      }
    },
  };
}
