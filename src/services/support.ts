// Plumbing every use case shares: one transaction per change, idempotency for retried or
// repeated requests, and the outbox kick after commit.

import { isConflict, type Repositories } from "../db/repositories/store.ts";
import type { ServiceDeps } from "../deps.ts";
import { notFound } from "../domain/errors.ts";
import type { Incident } from "../domain/incident/incident.ts";
import { configuredPagers } from "../domain/paging/pagers.ts";
import type { EventMeta } from "../domain/timeline/events.ts";
import type { EffectContext } from "../events/types.ts";
import type { Intent } from "../outbox/intents.ts";

export function effectContext(deps: Pick<ServiceDeps, "config" | "clock">): EffectContext {
  return {
    announceChannel: deps.config.incidents.announceChannel,
    leadershipGroup: deps.config.incidents.leadershipGroup,
    now: deps.clock.now(),
    pagers: configuredPagers({ ...deps.config.paging }),
    statuspage: deps.config.statuspage !== undefined,
  };
}

/** What a result says about `--at`: the time it was given for, or null when it was now. */
export function asOf(at: Date | null | undefined, occurredAt: Date): string | null {
  return at ? occurredAt.toISOString() : null;
}

export function metaFor(
  deps: Pick<ServiceDeps, "clock">,
  actorId: string | null,
  extra: Partial<Omit<EventMeta, "actorId" | "recordedAt">> = {},
): EventMeta {
  const now = deps.clock.now();
  return { actorId, occurredAt: extra.occurredAt ?? now, recordedAt: now, ...extra };
}

/**
 * Runs `work` in one transaction, at most once per `requestKey`: a retried or repeated
 * delivery of the same request (same trigger_id, view id, event_id) gets the first answer and
 * changes nothing. Without a key the work simply runs in a transaction. `work` must not call
 * Slack: read what it needs (group members, names) before.
 */
export async function runChange<T>(
  deps: ServiceDeps,
  requestKey: string | null,
  work: (repos: Repositories) => Promise<T>,
): Promise<T> {
  try {
    const result = await deps.store.transaction(async (repos) => {
      // Claimed first: a duplicate running at the same time stops here (on PostgreSQL it waits
      // for the first to commit) before doing any of the work; the answer is stored at the end.
      if (requestKey) await repos.requests.claim(requestKey, deps.clock.now());
      const value = await work(repos);
      if (requestKey) await repos.requests.answer(requestKey, value);
      return value;
    });
    deps.kickOutbox();
    return result;
  } catch (error) {
    if (!requestKey || !isConflict(error, "key")) throw error;
    const earlier = await deps.store.read.requests.find(requestKey);
    return earlier?.response as T;
  }
}

/** Queues a Slack message that is not a state change (a reply, a confirmation). */
export async function sendLater(
  deps: Pick<ServiceDeps, "config" | "clock">,
  repos: Repositories,
  intent: Intent,
): Promise<void> {
  await repos.outbox.enqueue([intent], {
    now: deps.clock.now(),
    announceChannel: deps.config.incidents.announceChannel,
  });
}

/** Loads an incident inside a transaction, serialised against other changes to it. */
export async function lockedIncident(repos: Repositories, incidentId: number): Promise<Incident> {
  const incident = await repos.incidents.lock(incidentId);
  if (!incident) throw notFound("That incident no longer exists.");
  return incident;
}
