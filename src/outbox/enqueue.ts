// Writes intents into the outbox inside the caller's transaction.
import type { Prisma, Tx } from "../db/client.ts";
import { COALESCING_KINDS, type Intent, laneOf } from "./intents.ts";

export interface EnqueueContext {
  now: Date;
  announceChannel: string | undefined;
}

/**
 * Records `intent` for delivery. A state-rendering intent that is already waiting in its lane
 * (and not being sent) absorbs this one: when delivered it renders the state as of then, which
 * includes this change. The absorbing UPDATE also takes that row's lock, so a worker that is
 * about to send it waits for this transaction and then renders the new state.
 */
export async function enqueue(tx: Tx, intent: Intent, context: EnqueueContext): Promise<void> {
  const lane = laneOf(intent, context.announceChannel);
  const coalesceKey = COALESCING_KINDS.has(intent.kind) ? `${lane}|${JSON.stringify(intent)}` : null;
  if (coalesceKey) {
    const absorbed = await tx.outboxMessage.updateMany({
      where: { coalesceKey, status: "pending", sendingAt: null },
      data: { lastError: null },
    });
    if (absorbed.count > 0) return;
  }
  await tx.outboxMessage.create({
    data: {
      lane,
      kind: intent.kind,
      // Intents are plain JSON data by construction (ids, strings, Block Kit objects).
      payload: intent as unknown as Prisma.InputJsonValue,
      coalesceKey,
      status: "pending",
      nextAttemptAt: context.now,
      createdAt: context.now,
    },
  });
}
