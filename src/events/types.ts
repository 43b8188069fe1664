// The shape of an event handler: how one kind of event changes the stored state and what
// Slack must be told afterwards.
import type { Repositories } from "../db/repositories/store.ts";
import type { Incident } from "../domain/incident/incident.ts";
import type { PagerKind } from "../domain/paging/page.ts";
import type { EventKind, EventMeta, EventOf } from "../domain/timeline/events.ts";
import type { Intent } from "../outbox/intents.ts";

export interface EffectContext {
  announceChannel: string | undefined;
  leadershipGroup: string | undefined;
  now: Date;
  /** Pagers configured outside Slack (issue 14): where page events are delivered. */
  pagers?: PagerKind[];
  /** Atlassian Statuspage is configured (issue 13 item 4): published incidents are written there. */
  statuspage?: boolean;
}

/**
 * Who may see an effect. "public" effects (the announcement channel) are dropped for private
 * incidents in one place, record-event.ts, so no handler can leak a private incident.
 */
export interface Effect {
  audience: "incident" | "public";
  intent: Intent;
}

export const toIncident = (intent: Intent): Effect => ({ audience: "incident", intent });
export const toPublic = (intent: Intent): Effect => ({ audience: "public", intent });

export interface Applied<E> {
  incident: Incident;
  /** The event as it should be stored (e.g. with the id of a row the handler created). */
  event?: E;
}

export interface EventHandler<K extends EventKind> {
  /** Changes the stored state. `incident` is null only for a declaration. */
  apply(
    repos: Repositories,
    incident: Incident | null,
    event: EventOf<K>,
    meta: EventMeta,
  ): Promise<Applied<EventOf<K>>>;
  /** What Slack must be told once the change is committed. */
  effects(event: EventOf<K>, incident: Incident, meta: EventMeta, context: EffectContext): Effect[];
}

export type EventHandlers = { [K in EventKind]: EventHandler<K> };
