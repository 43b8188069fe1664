// Deleting what is no longer needed: records of handled requests past any replay, and outbox
// messages delivered long ago. Each call deletes at most one bounded batch, so no statement
// holds the database for long; the caller loops.
import { type Db, Prisma } from "../client.ts";
import { plainExecute, plainRows } from "../plain-statements.ts";

/**
 * Request keys that name one delivery from Slack (a slash command's trigger, a view, an
 * event): once Slack's retries are over they are never seen again. Other keys (`join:`,
 * `handoff-accept:`, `snooze:`) make a person's action idempotent for good and are kept.
 */
export const REPLAYABLE_REQUEST_PREFIXES = ["command:", "view:", "event:"] as const;

/** The condition on a request key that it names one delivery (REPLAYABLE_REQUEST_PREFIXES). */
const REPLAYABLE_KEY = Prisma.join(
  REPLAYABLE_REQUEST_PREFIXES.map(
    // substr, not LIKE: SQLite's LIKE ignores case, and a prefix is exact.
    (prefix) => Prisma.sql`substr("key", 1, ${prefix.length}) = ${prefix}`,
  ),
  " OR ",
);

/**
 * Deletes up to `limit` handled-request records received before `cutoff`; returns how many.
 * One statement (the batch chosen in a subquery), so the keys never travel to the bot and back
 * as a list of hundreds, which Prisma compiled afresh for each batch.
 */
export async function deleteExpiredRequests(db: Db, cutoff: Date, limit: number): Promise<number> {
  return plainExecute(
    db,
    Prisma.sql`DELETE FROM "ProcessedRequest" WHERE "key" IN (
      SELECT "key" FROM "ProcessedRequest" WHERE "receivedAt" < ${cutoff} AND (${REPLAYABLE_KEY})
      LIMIT ${limit})`,
  );
}

/**
 * Deletes up to `limit` outbox messages delivered before `cutoff`, oldest first; returns how
 * many. Pending (queued, being sent) and failed messages are never touched: they are still to
 * deliver, or for the operator to look at and requeue. One statement, as above.
 */
export async function deleteDeliveredOutbox(db: Db, cutoff: Date, limit: number): Promise<number> {
  return plainExecute(
    db,
    Prisma.sql`DELETE FROM "OutboxMessage" WHERE "id" IN (
      SELECT "id" FROM "OutboxMessage" WHERE "status" = 'done' AND "deliveredAt" < ${cutoff}
      ORDER BY "id" ASC LIMIT ${limit})`,
  );
}

/** An instant as a plain statement reads an aggregate: a Date (PostgreSQL) or its text (SQLite). */
const instantOf = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

/**
 * The oldest record retention will ever remove (null: none), so its first due time is exact.
 * The same condition as the deletes, in one statement.
 */
export async function oldestRetained(db: Db): Promise<Date | null> {
  const [row] = await plainRows<{ request: Date | string | null; message: Date | string | null }>(
    db,
    Prisma.sql`SELECT
      (SELECT MIN("receivedAt") FROM "ProcessedRequest" WHERE ${REPLAYABLE_KEY}) AS "request",
      (SELECT MIN("deliveredAt") FROM "OutboxMessage" WHERE "status" = 'done') AS "message"`,
  );
  const times = [instantOf(row?.request ?? null), instantOf(row?.message ?? null)].filter(
    (d): d is Date => d !== null,
  );
  return times.length ? new Date(Math.min(...times.map((d) => d.getTime()))) : null;
}
