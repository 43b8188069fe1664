// Deleting what is no longer needed: records of handled requests past any replay, and outbox
// messages delivered long ago. Each call deletes at most one bounded batch (select the ids,
// delete those), so no statement holds the database for long; the caller loops.
import type { Db } from "../client.ts";

/**
 * Request keys that name one delivery from Slack (a slash command's trigger, a view, an
 * event): once Slack's retries are over they are never seen again. Other keys (`join:`,
 * `handoff-accept:`, `snooze:`) make a person's action idempotent for good and are kept.
 */
export const REPLAYABLE_REQUEST_PREFIXES = ["command:", "view:", "event:"] as const;

/** Deletes up to `limit` handled-request records received before `cutoff`; returns how many. */
export async function deleteExpiredRequests(db: Db, cutoff: Date, limit: number): Promise<number> {
  const rows = await db.processedRequest.findMany({
    where: {
      receivedAt: { lt: cutoff },
      OR: REPLAYABLE_REQUEST_PREFIXES.map((prefix) => ({ key: { startsWith: prefix } })),
    },
    select: { key: true },
    take: limit,
  });
  if (!rows.length) return 0;
  // The age is checked again: the same key can only be claimed once, but be exact anyway.
  const deleted = await db.processedRequest.deleteMany({
    where: { key: { in: rows.map((r) => r.key) }, receivedAt: { lt: cutoff } },
  });
  return deleted.count;
}

/**
 * Deletes up to `limit` outbox messages delivered before `cutoff`; returns how many. Pending
 * (queued, being sent) and failed messages are never touched: they are still to deliver, or
 * for the operator to look at and requeue.
 */
export async function deleteDeliveredOutbox(db: Db, cutoff: Date, limit: number): Promise<number> {
  const rows = await db.outboxMessage.findMany({
    where: { status: "done", deliveredAt: { lt: cutoff } },
    select: { id: true },
    orderBy: { id: "asc" },
    take: limit,
  });
  if (!rows.length) return 0;
  const deleted = await db.outboxMessage.deleteMany({
    where: { id: { in: rows.map((r) => r.id) }, status: "done", deliveredAt: { lt: cutoff } },
  });
  return deleted.count;
}

/** The oldest record retention will ever remove (null: none), so its first due time is exact. */
export async function oldestRetained(db: Db): Promise<Date | null> {
  const [request, message] = await Promise.all([
    db.processedRequest.aggregate({
      where: { OR: REPLAYABLE_REQUEST_PREFIXES.map((prefix) => ({ key: { startsWith: prefix } })) },
      _min: { receivedAt: true },
    }),
    db.outboxMessage.aggregate({ where: { status: "done" }, _min: { deliveredAt: true } }),
  ]);
  const times = [request._min.receivedAt, message._min.deliveredAt].filter((d): d is Date => d !== null);
  return times.length ? new Date(Math.min(...times.map((d) => d.getTime()))) : null;
}
