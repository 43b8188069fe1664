// Plumbing every use case shares: one transaction per change, idempotency for retried or
// repeated requests, and the outbox kick after commit.
import { isUniqueViolation, type Tx, uniqueViolationFields } from "../db/client.ts";
import { claimRequest, storeResponse } from "../db/fast-writes.ts";
import type { Incident } from "../db/models.ts";
import { enqueueIntent } from "../db/repositories/outbox.ts";
import { lockIncident, transact } from "../db/transaction.ts";
import type { Deps } from "../deps.ts";
import { notFound } from "../domain/errors.ts";
import type { EventMeta } from "../domain/timeline/events.ts";
import type { EffectContext } from "../events/types.ts";
import type { Intent } from "../outbox/intents.ts";

export function effectContext(deps: Deps): EffectContext {
  return {
    announceChannel: deps.config.incidents.announceChannel,
    leadershipGroup: deps.config.incidents.leadershipGroup,
    now: deps.clock.now(),
  };
}

export function metaFor(
  deps: Deps,
  actorId: string | null,
  extra: Partial<Omit<EventMeta, "actorId" | "recordedAt">> = {},
): EventMeta {
  const now = deps.clock.now();
  return { actorId, occurredAt: extra.occurredAt ?? now, recordedAt: now, ...extra };
}

function isDuplicateRequest(error: unknown): boolean {
  return isUniqueViolation(error) && uniqueViolationFields(error).includes("key");
}

/**
 * Runs `work` in one transaction, at most once per `requestKey`: a retried or repeated
 * delivery of the same request (same trigger_id, view id, event_id) gets the first answer and
 * changes nothing. Without a key the work simply runs in a transaction.
 */
export async function runChange<T>(
  deps: Deps,
  requestKey: string | null,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  try {
    const result = await transact(deps.database, async (tx) => {
      // Claimed first: a duplicate running at the same time stops here (on PostgreSQL it waits
      // for the first to commit) before doing any of the work; the answer is stored at the end.
      if (requestKey) await claimRequest(tx, requestKey, deps.clock.now());
      const value = await work(tx);
      if (requestKey) await storeResponse(tx, requestKey, value);
      return value;
    });
    deps.kickOutbox();
    return result;
  } catch (error) {
    if (!requestKey || !isDuplicateRequest(error)) throw error;
    const earlier = await deps.database.db.processedRequest.findUnique({ where: { key: requestKey } });
    return earlier?.response as T;
  }
}

/** Queues a Slack message that is not a state change (a reply, a confirmation). */
export async function sendLater(deps: Deps, tx: Tx, intent: Intent): Promise<void> {
  await enqueueIntent(tx, intent, {
    now: deps.clock.now(),
    announceChannel: deps.config.incidents.announceChannel,
  });
}

/** Loads an incident inside a transaction, serialised against other changes to it. */
export async function lockedIncident(deps: Deps, tx: Tx, incidentId: number): Promise<Incident> {
  await lockIncident(deps.database, tx, incidentId);
  const incident = await tx.incident.findUnique({ where: { id: incidentId } });
  if (!incident) throw notFound("That incident no longer exists.");
  return incident;
}
