// A lane's pending messages as the outbox worker reads them, and how a lane pass starts: the
// lane's lease, then those messages. On SQLite the two share one transaction, and the read,
// made while the lease's write holds the only write lock, sees what the lease now guards; it
// runs synchronously straight on the connection when no other transaction is open there
// (src/db/sqlite-direct.ts), through Prisma otherwise. On PostgreSQL one statement takes the
// lease and marks the lane's head as being sent (openLaneSql), and a second reads the lane only
// when that one cannot tell what the lease guards (a transaction around them would be four
// round trips). The read also marks the lane's head as being sent when the pass will deliver
// it first (markHeadSql).
import { MERGING_KINDS } from "../../outbox/intents.ts";
import { type Db, Prisma, type Tx } from "../client.ts";
import type { Provider } from "../database-url.ts";
import { acquireLease, acquireLeaseSql, releaseLease } from "../leases.ts";
import { plainRows } from "../plain-statements.ts";
import { transactOutsideTransaction } from "../sqlite-direct.ts";
import { TRANSACTION_OPTIONS as SQLITE_TRANSACTION } from "../sqlite-serialized.ts";

/** A queued message as the worker sees it. */
export interface QueuedMessage {
  id: number;
  lane: string;
  kind: string;
  /** The stored intent, unchecked: deliveries check what they read. */
  payload: unknown;
  attempts: number;
  nextAttemptAt: Date;
  /** Set while (or since) an attempt was sent: a retry must look for its earlier result. */
  sendingAt: Date | null;
  createdAt: Date;
  /**
   * The read that opened the lane marked it as being sent (see openLane): the worker delivers it
   * without marking it again. `sendingAt` and `attempts` are still as they were before.
   */
  markedInRead?: boolean;
}

/** The columns of a queued message (the model query's select; the raw reads name the same). */
export const QUEUED_FIELDS = {
  id: true,
  lane: true,
  kind: true,
  payload: true,
  attempts: true,
  nextAttemptAt: true,
  sendingAt: true,
  createdAt: true,
} as const;

/** The columns of a queued message in plain SQL (QUEUED_FIELDS). */
export const QUEUED_COLUMNS = Prisma.raw(
  `"id", "lane", "kind", "payload", "attempts", "nextAttemptAt", "sendingAt", "createdAt"`,
);

/** A raw outbox row: SQLite may give integers as bigints, instants as text, JSON as text. */
export interface QueuedRow {
  id: number | bigint;
  lane: string;
  kind: string;
  payload: unknown;
  attempts: number | bigint;
  nextAttemptAt: Date | string;
  sendingAt: Date | string | null;
  createdAt: Date | string;
}

export function queuedFromRow(row: QueuedRow): QueuedMessage {
  const instant = (value: Date | string) => (value instanceof Date ? value : new Date(value));
  return {
    id: Number(row.id),
    lane: row.lane,
    kind: row.kind,
    payload: typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload,
    attempts: Number(row.attempts),
    nextAttemptAt: instant(row.nextAttemptAt),
    sendingAt: row.sendingAt === null ? null : instant(row.sendingAt),
    createdAt: instant(row.createdAt),
  };
}

/**
 * A lane's pending messages, in the order they were recorded. Plain SQL: every lane pass reads
 * them (src/db/plain-statements.ts).
 */
export async function pendingInLane(db: Db | Tx, lane: string, limit: number): Promise<QueuedMessage[]> {
  const rows = await plainRows<QueuedRow>(db, pendingInLaneSql(lane, limit));
  return rows.map(queuedFromRow);
}

const pendingInLaneSql = (lane: string, limit: number) =>
  Prisma.sql`SELECT ${QUEUED_COLUMNS} FROM "OutboxMessage"
      WHERE "lane" = ${lane} AND "status" = 'pending' ORDER BY "id" ASC LIMIT ${limit}`;

export interface LaneOpening {
  lane: string;
  leaseKey: string;
  holder: string;
  now: Date;
  ttlMs: number;
  /** Messages read at most. */
  limit: number;
}

/**
 * Marks the lane's head as being sent, as the worker does before every Slack call
 * (repositories/outbox.ts `markSending`), when nothing can hold it back in the pass: it is due,
 * and of no kind that merges (MERGING_KINDS), which a pass may also hold back. Such a head is what the pass delivers
 * first, so the mark rides in the statement that opens the lane instead of a round trip of its
 * own between the read and the call: the update posted in an incident's channel makes one
 * statement before its Slack call on PostgreSQL (openLaneSql), not three. A pass stopped before
 * the call leaves the mark: the next attempt then looks for an earlier result first, as after a
 * crash mid-call. `also`: further conditions on the head; `returning`: the columns answered.
 */
function markHeadSql(
  lane: string,
  now: Date,
  { also = Prisma.empty, returning = Prisma.raw(`"id"`) }: { also?: Prisma.Sql; returning?: Prisma.Sql } = {},
): Prisma.Sql {
  return Prisma.sql`UPDATE "OutboxMessage" SET "sendingAt" = ${now}, "attempts" = "attempts" + 1
    WHERE "id" = (SELECT MIN("id") FROM "OutboxMessage" WHERE "lane" = ${lane} AND "status" = 'pending')
      AND "kind" NOT IN (${Prisma.join(MERGING_KINDS)}) AND "nextAttemptAt" <= ${now} ${also}
    RETURNING ${returning}`;
}

/**
 * The lane's pending messages (as pendingInLane reads them, marks as they were before), its head
 * marked as being sent when nothing can hold it back (markHeadSql). One statement on PostgreSQL:
 * its SELECT reads the snapshot from before the UPDATE, which is what the worker needs.
 */
async function readMarkingHead(db: Db | Tx, provider: Provider, lane: string, now: Date, limit: number) {
  if (provider === "postgresql") {
    const rows = await plainRows<QueuedRow & { markedInRead: boolean }>(
      db,
      Prisma.sql`WITH "marked" AS (${markHeadSql(lane, now)})
        SELECT ${QUEUED_COLUMNS}, EXISTS (SELECT 1 FROM "marked" WHERE "marked"."id" = "OutboxMessage"."id") AS "markedInRead"
        FROM "OutboxMessage" WHERE "lane" = ${lane} AND "status" = 'pending' ORDER BY "id" ASC LIMIT ${limit}`,
    );
    return rows.map((row) => withMark(queuedFromRow(row), row.markedInRead));
  }
  const messages = await pendingInLane(db, lane, limit);
  const marked = await plainRows<MarkedRow>(db, markHeadSql(lane, now));
  return withMarks(messages, marked);
}

type MarkedRow = { id: number | bigint };

/** The messages read (marks as they were before), the one markHeadSql marked said so. */
function withMarks(messages: QueuedMessage[], marked: MarkedRow[]): QueuedMessage[] {
  const markedId = marked[0] === undefined ? null : Number(marked[0].id);
  return messages.map((message) => withMark(message, message.id === markedId));
}

const withMark = (message: QueuedMessage, marked: boolean): QueuedMessage =>
  marked ? { ...message, markedInRead: true } : message;

/** What openLaneSql answers: one row, the marked head's columns null when none was marked. */
type OpenedRow = { leased: boolean; seen: number | bigint } & (QueuedRow | { [K in keyof QueuedRow]: null });

/**
 * On PostgreSQL, the lane's lease and its head marked as being sent in one statement, so that
 * the update posted in an incident's channel goes to Slack one round trip after the lane is
 * picked, not two. Its reads see the snapshot from before the statement took the lease, in
 * which a message another replica delivered just before letting go of the lane may still look
 * pending. So only the marking UPDATE is trusted for the head: PostgreSQL checks its conditions
 * again on the row's latest version, and it marks only a head that is still pending, never
 * attempted (so what it was before the mark is known: RETURNING gives the row after it), due,
 * and of no kind that merges (markHeadSql), and only when the lease was taken. `seen` (the
 * snapshot's pending messages, at most 2) says whether anything else may need reading: with
 * more than the head, the rest is read again once the lease is held; with nothing, the lane is
 * empty as of the statement, as it would be a round trip later for a commit just after.
 */
function openLaneSql({ lane, leaseKey, holder, now, ttlMs }: LaneOpening): Prisma.Sql {
  return Prisma.sql`WITH "lease" AS (${acquireLeaseSql(leaseKey, holder, now, ttlMs)}),
    "marked" AS (${markHeadSql(lane, now, {
      also: Prisma.sql`AND "status" = 'pending' AND "sendingAt" IS NULL AND EXISTS (SELECT 1 FROM "lease")`,
      returning: QUEUED_COLUMNS,
    })})
    SELECT EXISTS (SELECT 1 FROM "lease") AS "leased",
      (SELECT COUNT(*) FROM (SELECT 1 FROM "OutboxMessage" WHERE "lane" = ${lane} AND "status" = 'pending' LIMIT 2) AS "pending")::int AS "seen",
      "marked".*
    FROM (VALUES (1)) AS "one" LEFT JOIN "marked" ON TRUE`;
}

/**
 * The lane's first pending messages once its lease is ours, its head marked as being sent when
 * nothing can hold it back (markHeadSql); null when another holder has the lease.
 */
export async function openLane(
  db: Db,
  provider: Provider,
  opening: LaneOpening,
): Promise<QueuedMessage[] | null> {
  const { lane, leaseKey, holder, now, ttlMs, limit } = opening;
  if (provider === "postgresql") {
    const [opened] = await plainRows<OpenedRow>(db, openLaneSql(opening));
    if (!opened?.leased) return null;
    try {
      const seen = Number(opened.seen);
      if (opened.id !== null) {
        // Marked by this statement: as it was before, never attempted.
        const head = { ...queuedFromRow(opened), sendingAt: null, attempts: Number(opened.attempts) - 1 };
        if (seen <= 1) return [{ ...head, markedInRead: true }];
        // More of the lane was pending in the statement's snapshot, which may be older than the
        // lease: the rest is read again now that the lease guards it.
        const fresh = await pendingInLane(db, lane, limit);
        return fresh.map((message) => (message.id === head.id ? { ...head, markedInRead: true } : message));
      }
      if (seen === 0) return [];
      return await readMarkingHead(db, provider, lane, now, limit);
    } catch (error) {
      // The pass never starts, so nothing else lets go of the lane before the lease expires.
      await releaseLease(db, leaseKey, holder).catch(() => {});
      throw error;
    }
  }
  // Straight to the connection when it is free: the lease, the read and the mark in one
  // synchronous transaction, no hop of the event loop between them (src/db/sqlite-direct.ts).
  const direct = transactOutsideTransaction(db, (tx) => {
    if (tx.rows(acquireLeaseSql(leaseKey, holder, now, ttlMs)).length !== 1) return null;
    const messages = tx.rows<QueuedRow>(pendingInLaneSql(lane, limit)).map(queuedFromRow);
    return withMarks(messages, tx.rows<MarkedRow>(markHeadSql(lane, now)));
  });
  if (direct) return direct.value;
  return db.$transaction(async (tx) => {
    if (!(await acquireLease(tx, leaseKey, holder, now, ttlMs))) return null;
    return readMarkingHead(tx, provider, lane, now, limit);
  }, SQLITE_TRANSACTION); // waits as a lone statement would (Prisma's default is 2 s)
}
