// Plumbing every use case shares: one transaction per change, idempotency for retried or
// repeated requests, and the outbox kick after commit.

import type { Repositories } from "../db/repositories/store.ts";
import type { ServiceDeps } from "../deps.ts";
import { notFound } from "../domain/errors.ts";
import type { Incident } from "../domain/incident/incident.ts";
import { configuredPagers } from "../domain/paging/pagers.ts";
import type { EventMeta } from "../domain/timeline/events.ts";
import type { EffectContext } from "../events/types.ts";
import type { Intent, LanesTouched } from "../outbox/intents.ts";

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
  scope: ChangeScope = {},
): Promise<T> {
  return (await runChangeOrReplay(deps, requestKey, work, scope)).value;
}

export interface ChangeScope {
  /**
   * The incident the change locks first, when known before it starts. Changes to the same
   * incident queue on its lock anyway; arriving together, they share a transaction (group
   * commit, src/db/transaction-groups.ts), each still its own change. Set it on the changes a
   * burst sends many of at once: updates, notes, pins, board and severity changes.
   */
  incidentId?: number;
}

/**
 * runChange, also saying whether the answer is a replay of the first delivery's. A caller that
 * keeps something `work` set (an entry id) must drop it on a replay: that run rolled back.
 */
export async function runChangeOrReplay<T>(
  deps: ServiceDeps,
  requestKey: string | null,
  work: (repos: Repositories) => Promise<T>,
  scope: ChangeScope = {},
): Promise<{ value: T; replayed: boolean }> {
  try {
    let touched: LanesTouched | undefined;
    const group = scope.incidentId === undefined ? undefined : `incident:${scope.incidentId}`;
    const value = await deps.store.transaction(
      async (repos) => {
        const result = await work(repos);
        // Recorded last, with its answer, in one statement (claiming first and answering at the
        // end took two, on every command). A duplicate that ran after the first, or beside it on
        // PostgreSQL, fails on the key (there, with the statement carrying the put-off INSERT)
        // and everything its work wrote rolls back with it.
        if (requestKey) await repos.requests.record(requestKey, deps.clock.now(), result);
        // Of this attempt only: a transaction retried after a transient error runs `work` again.
        // In a group, it also holds the lanes of the changes before this one: kicked twice, no harm.
        touched = repos.outbox.lanesTouched();
        return result;
      },
      group ? { group } : {},
    );
    deps.kickOutbox(touched);
    return { value, replayed: false };
  } catch (error) {
    if (!requestKey) throw error;
    // Whatever stopped it (the key, or a check the first delivery's change now fails, such as
    // "already closed"), a request already handled gets the first answer. Only failures pay
    // for this read.
    const earlier = await deps.store.read.requests.find(requestKey).catch(() => null);
    if (!earlier) throw error;
    return { value: earlier.response as T, replayed: true };
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
