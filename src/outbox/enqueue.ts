// Writes intents into the outbox inside the caller's transaction.
import type { Prisma, Tx } from "../db/client.ts";
import { insertOutboxMessages, type OutboxRow } from "../db/fast-writes.ts";
import { COALESCING_KINDS, type Intent, type IntentOf, laneOf } from "./intents.ts";

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
export async function enqueueAll(tx: Tx, intents: Intent[], context: EnqueueContext): Promise<void> {
  const rows: OutboxRow[] = [];
  const queued = new Set<string>();
  for (const intent of intents) {
    const lane = laneOf(intent, context.announceChannel);
    if (intent.kind === "channel.invite") {
      if (!(await mergeInvite(tx, intent, `${lane}|channel.invite`, rows))) {
        rows.push({
          lane,
          kind: intent.kind,
          payload: intent,
          coalesceKey: `${lane}|channel.invite`,
          nextAttemptAt: context.now,
          createdAt: context.now,
        });
      }
      continue;
    }
    const coalesceKey = COALESCING_KINDS.has(intent.kind) ? `${lane}|${JSON.stringify(intent)}` : null;
    if (coalesceKey) {
      if (queued.has(coalesceKey)) continue;
      queued.add(coalesceKey);
      const absorbed = await tx.$executeRaw`
        UPDATE "OutboxMessage" SET "lastError" = NULL
        WHERE "coalesceKey" = ${coalesceKey} AND "status" = 'pending' AND "sendingAt" IS NULL`;
      if (absorbed > 0) continue;
    }
    rows.push({
      lane,
      kind: intent.kind,
      payload: intent,
      coalesceKey,
      nextAttemptAt: context.now,
      createdAt: context.now,
    });
  }
  await insertOutboxMessages(tx, rows);
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

export async function enqueue(tx: Tx, intent: Intent, context: EnqueueContext): Promise<void> {
  await enqueueAll(tx, [intent], context);
}
