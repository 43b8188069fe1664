// The outbox table: intents written in the caller's transaction (enqueue), read and settled by
// the worker, inspected and requeued by the operator tool. Delivering stays in src/outbox.
import { COALESCING_KINDS, type Intent, type IntentOf, laneOf } from "../../outbox/intents.ts";
import { type Db, Prisma, type Tx } from "../client.ts";
import type { Provider } from "../database-url.ts";
import { executeRaw } from "../direct.ts";
import { insertOutboxMessages, insertOutboxMessagesUnlessAbsorbed, type OutboxRow } from "../fast-writes.ts";
import { acquireLease, releaseLease, renewLease } from "../leases.ts";
import { plainExecute, plainRows } from "../plain-statements.ts";
import {
  type LaneOpening,
  openLane,
  pendingInLane,
  QUEUED_COLUMNS,
  QUEUED_FIELDS,
  type QueuedMessage,
  type QueuedRow,
  queuedFromRow,
} from "./outbox-lane.ts";
import { deliveredSql, failedSql, type HeldLease, type Retry, retrySql, settle } from "./outbox-settle.ts";

// A lane's read lives beside the lane's opening (outbox-lane.ts), which makes it; named here too.
export type { HeldLease, QueuedMessage, Retry };
export { pendingInLane, QUEUED_FIELDS };

export interface EnqueueContext {
  now: Date;
  announceChannel: string | undefined;
}

/**
 * Records intents for delivery, in order. A state-rendering intent that is already waiting in
 * its lane (and not being sent) absorbs a new one: when delivered it renders the state as of
 * then, which includes this change. The absorbing UPDATE also takes that row's lock, so a
 * worker about to send it waits for this transaction and then renders the new state.
 */
export async function enqueueIntents(
  tx: Tx,
  intents: Intent[],
  context: EnqueueContext,
  provider: Provider = "sqlite",
): Promise<void> {
  const rows: OutboxRow[] = [];
  const queued = new Set<string>();
  // On PostgreSQL every statement is a round trip made while the incident's row lock is held:
  // the absorbing UPDATEs are folded into the INSERT, one statement for the whole batch.
  const absorbInInsert = provider === "postgresql";
  for (const intent of intents) {
    const lane = laneOf(intent, context.announceChannel);
    const row = {
      lane,
      kind: intent.kind,
      payload: intent,
      nextAttemptAt: context.now,
      createdAt: context.now,
    };
    if (intent.kind === "channel.invite") {
      const coalesceKey = `${lane}|channel.invite`;
      if (!(await mergeInvite(tx, intent, coalesceKey, rows))) rows.push({ ...row, coalesceKey });
      continue;
    }
    const coalesceKey = COALESCING_KINDS.has(intent.kind) ? `${lane}|${JSON.stringify(intent)}` : null;
    if (coalesceKey) {
      if (queued.has(coalesceKey)) continue;
      queued.add(coalesceKey);
      if (absorbInInsert) {
        rows.push({ ...row, coalesceKey });
        continue;
      }
      const absorbed = await executeRaw(
        tx,
        Prisma.sql`UPDATE "OutboxMessage" SET "lastError" = NULL
          WHERE "coalesceKey" = ${coalesceKey} AND "status" = 'pending' AND "sendingAt" IS NULL`,
      );
      if (absorbed > 0) continue;
    }
    rows.push({ ...row, coalesceKey });
  }
  if (absorbInInsert && queued.size > 0) await insertOutboxMessagesUnlessAbsorbed(tx, rows, [...queued]);
  else await insertOutboxMessages(tx, rows);
}

export async function enqueueIntent(tx: Tx, intent: Intent, context: EnqueueContext): Promise<void> {
  await enqueueIntents(tx, [intent], context);
}

type Invite = IntentOf<"channel.invite">;

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

/**
 * Folds an invite into one still waiting for the same channel (in this batch or in the outbox):
 * a burst of role changes and invites becomes one conversations.invite call per 100 people
 * instead of one call per change. True when merged.
 */
async function mergeInvite(tx: Tx, invite: Invite, key: string, batch: OutboxRow[]): Promise<boolean> {
  const inBatch = batch.find((row) => row.coalesceKey === key);
  if (inBatch) {
    const waiting = inBatch.payload as Invite;
    inBatch.payload = {
      ...waiting,
      users: union(waiting.users, invite.users),
      groups: union(waiting.groups, invite.groups),
    };
    return true;
  }
  const waiting = await tx.outboxMessage.findFirst({
    where: { coalesceKey: key, status: "pending", sendingAt: null },
    orderBy: { id: "desc" },
  });
  if (!waiting) return false;
  const payload = waiting.payload as unknown as Invite;
  const merged = {
    ...payload,
    users: union(payload.users, invite.users),
    groups: union(payload.groups, invite.groups),
  };
  // Only while no worker has started sending it; otherwise the new invite goes out on its own.
  const updated = await tx.outboxMessage.updateMany({
    where: { id: waiting.id, sendingAt: null },
    data: { payload: merged as unknown as Prisma.InputJsonValue },
  });
  return updated.count === 1;
}

/**
 * Whether an invite of `userId` into the incident's own channel is queued and not delivered
 * yet (waiting, or being sent): a second "Join" then has nothing new to ask for.
 */
export async function invitePending(db: Tx, incidentId: number, userId: string): Promise<boolean> {
  const rows = await db.outboxMessage.findMany({
    where: { kind: "channel.invite", status: "pending" },
    select: { payload: true },
  });
  return rows.some((row) => {
    const invite = row.payload as unknown as Partial<Invite> | null;
    const scope = invite?.scope as { incidentId?: unknown } | undefined;
    return scope?.incidentId === incidentId && Array.isArray(invite?.users) && invite.users.includes(userId);
  });
}

// The worker's side.

/**
 * Lanes with a message due at `now`, oldest first, each with its oldest due message (its
 * head, unless the head waits for a retry): the worker orders lanes by what they carry.
 * One plain statement (the worker runs it on every pass, and a busy outage kicks a pass every
 * few commits): two model queries through Prisma held the SQLite connection, which every
 * command's transaction waits for, about twice as long. Rows read as the model gives them.
 */
export async function dueLaneHeads(db: Db, now: Date, limit: number): Promise<QueuedMessage[]> {
  const rows = await plainRows<QueuedRow>(
    db,
    Prisma.sql`SELECT ${QUEUED_COLUMNS} FROM "OutboxMessage"
      WHERE "id" IN (
        SELECT MIN("id") FROM "OutboxMessage"
        WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now}
        GROUP BY "lane" ORDER BY MIN("id") LIMIT ${limit}
      )
      ORDER BY "id"`,
  );
  return rows.map(queuedFromRow);
}

/** When the next pending message falls due after `instant` (null when none). Plain SQL: after every pass. */
export async function nextDueAfter(db: Db, instant: Date): Promise<Date | null> {
  const [next] = await plainRows<Pick<QueuedRow, "nextAttemptAt">>(
    db,
    Prisma.sql`SELECT "nextAttemptAt" FROM "OutboxMessage"
      WHERE "status" = 'pending' AND "nextAttemptAt" > ${instant}
      ORDER BY "nextAttemptAt" ASC LIMIT 1`,
  );
  if (!next) return null;
  return next.nextAttemptAt instanceof Date ? next.nextAttemptAt : new Date(next.nextAttemptAt);
}

export interface OutboxBacklog {
  pending: number;
  failed: number;
  oldestPendingAt: Date | null;
}

export async function outboxBacklog(db: Db): Promise<OutboxBacklog> {
  const [pending, failed, oldest] = await Promise.all([
    db.outboxMessage.count({ where: { status: "pending" } }),
    db.outboxMessage.count({ where: { status: "failed" } }),
    db.outboxMessage.findFirst({
      where: { status: "pending" },
      orderBy: { id: "asc" },
      select: { createdAt: true },
    }),
  ]);
  return { pending, failed, oldestPendingAt: oldest?.createdAt ?? null };
}

/**
 * Recorded before the Slack call: if the process dies mid-call, the retry knows to look first.
 * Plain SQL: before every delivery. A message that is gone is an error, as the model's update made it.
 */
export async function markSending(db: Db, id: number, at: Date): Promise<void> {
  const changed = await plainExecute(
    db,
    Prisma.sql`UPDATE "OutboxMessage" SET "sendingAt" = ${at}, "attempts" = "attempts" + 1 WHERE "id" = ${id}`,
  );
  if (changed !== 1) throw new Error(`outbox message ${id} does not exist`);
}

export async function markDelivered(
  db: Db,
  provider: Provider,
  id: number,
  at: Date,
  result: unknown,
  release?: HeldLease,
): Promise<void> {
  await settle(db, provider, deliveredSql(provider, id, at, result), release);
}

export async function markFailed(
  db: Db,
  provider: Provider,
  id: number,
  lastError: string,
  release?: HeldLease,
): Promise<void> {
  await settle(db, provider, failedSql(id, lastError), release);
}

export async function scheduleRetry(
  db: Db,
  provider: Provider,
  id: number,
  retry: Retry,
  release?: HeldLease,
): Promise<void> {
  await settle(db, provider, retrySql(id, retry), release);
}

// The operator tool's side (src/cli/outbox.ts).

export interface OutboxStatus {
  byStatus: { status: string; count: number }[];
  /** The longest-waiting lanes, each with the message at its head. */
  lanes: {
    lane: string;
    pending: number;
    since: Date | null;
    head: QueuedMessage & { lastError: string | null };
  }[];
  failed: { id: number; lane: string; kind: string; lastError: string | null }[];
  leases: { key: string; holder: string; expiresAt: Date }[];
}

export async function outboxStatus(db: Db, limit = 20): Promise<OutboxStatus> {
  const byStatus = await db.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
  const lanes = await db.outboxMessage.groupBy({
    by: ["lane"],
    where: { status: "pending" },
    _count: { _all: true },
    _min: { createdAt: true },
    orderBy: { _min: { createdAt: "asc" } },
    take: limit,
  });
  const heads = await Promise.all(
    lanes.map((lane) =>
      db.outboxMessage.findFirst({
        where: { lane: lane.lane, status: "pending" },
        orderBy: { id: "asc" },
        select: { ...QUEUED_FIELDS, lastError: true },
      }),
    ),
  );
  const failed = await db.outboxMessage.findMany({
    where: { status: "failed" },
    orderBy: { id: "desc" },
    take: limit,
    select: { id: true, lane: true, kind: true, lastError: true },
  });
  const leases = await db.lease.findMany({ where: { key: { startsWith: "outbox:" } } });
  return {
    byStatus: byStatus.map((g) => ({ status: g.status, count: g._count._all })),
    lanes: lanes.flatMap((lane, i) => {
      const head = heads[i];
      return head ? [{ lane: lane.lane, pending: lane._count._all, since: lane._min.createdAt, head }] : [];
    }),
    failed,
    leases: leases.map(({ key, holder, expiresAt }) => ({ key, holder, expiresAt })),
  };
}

/** Failed messages (of one lane, or all) back in the queue with a fresh attempt count. */
export async function requeueFailed(db: Db, lane?: string): Promise<number> {
  const result = await db.outboxMessage.updateMany({
    where: { status: "failed", ...(lane ? { lane } : {}) },
    data: { status: "pending", attempts: 0, nextAttemptAt: new Date(0), lastError: null },
  });
  return result.count;
}

/** Pending messages (of one lane, or all) due now, backoff or not. */
export async function makeDueNow(db: Db, lane?: string): Promise<number> {
  const result = await db.outboxMessage.updateMany({
    where: { status: "pending", ...(lane ? { lane } : {}) },
    data: { nextAttemptAt: new Date(0) },
  });
  return result.count;
}

export async function releaseOutboxLeases(db: Db): Promise<number> {
  const result = await db.lease.deleteMany({ where: { key: { startsWith: "outbox:" } } });
  return result.count;
}

/**
 * The outbox worker's view of the database: its queries and updates bound to one connection,
 * and the lane leases that decide which replica delivers a lane.
 */
export function outboxQueue(db: Db, provider: Provider) {
  return {
    nextDueAfter: (instant: Date) => nextDueAfter(db, instant),
    backlog: () => outboxBacklog(db),
    pendingInLane: (lane: string, limit: number) => pendingInLane(db, lane, limit),
    /** A lane pass's lease and first read (one transaction on SQLite): null when not ours. */
    openLane: (opening: LaneOpening) => openLane(db, provider, opening),
    dueLaneHeads: (now: Date, limit: number) => dueLaneHeads(db, now, limit),
    markSending: (id: number, at: Date) => markSending(db, id, at),
    // `release`: the lane pass ends with this settle; its lease goes in the same round trip.
    markDelivered: (id: number, at: Date, result: unknown, release?: HeldLease) =>
      markDelivered(db, provider, id, at, result, release),
    markFailed: (id: number, lastError: string, release?: HeldLease) =>
      markFailed(db, provider, id, lastError, release),
    scheduleRetry: (id: number, retry: Retry, release?: HeldLease) =>
      scheduleRetry(db, provider, id, retry, release),
    acquireLease: (key: string, holder: string, now: Date, ms: number) =>
      acquireLease(db, key, holder, now, ms),
    /** Extends a lease still held; a renewal landing after the release takes nothing back. */
    renewLease: (key: string, holder: string, now: Date, ms: number) => renewLease(db, key, holder, now, ms),
    releaseLease: (key: string, holder: string) => releaseLease(db, key, holder),
  };
}

export type OutboxQueue = ReturnType<typeof outboxQueue>;
