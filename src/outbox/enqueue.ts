// Writes intents into the outbox inside the caller's transaction.
import type { Tx } from "../db/client.ts";
import { insertOutboxMessages, type OutboxRow } from "../db/fast-writes.ts";
import { COALESCING_KINDS, type Intent, laneOf } from "./intents.ts";

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

export async function enqueue(tx: Tx, intent: Intent, context: EnqueueContext): Promise<void> {
  await enqueueAll(tx, [intent], context);
}
