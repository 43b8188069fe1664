// The one place where incident state changes. Every change: applied to the current state,
// written to the timeline with when it happened and when it was recorded, and followed by
// the Slack messages it calls for, all in the caller's transaction. A code path cannot
// change an incident without leaving a timeline entry, because handlers are only reachable
// from here.
import type { Repositories } from "../db/repositories/store.ts";
import type { Incident } from "../domain/incident/incident.ts";
import type { EventMeta, IncidentEvent } from "../domain/timeline/events.ts";
import { EVENT_HANDLERS } from "./handlers/index.ts";
import type { EffectContext, EventHandler } from "./types.ts";

export interface RecordOptions {
  context: EffectContext;
}

export interface Recorded {
  incident: Incident;
  entryId: number;
  event: IncidentEvent;
}

export async function recordEvent(
  repos: Repositories,
  incident: Incident | null,
  event: IncidentEvent,
  meta: EventMeta,
  options: RecordOptions,
): Promise<Recorded> {
  const handler = EVENT_HANDLERS[event.kind] as unknown as EventHandler<IncidentEvent["kind"]>;
  const applied = await handler.apply(repos, incident, event as never, meta);
  const stored = (applied.event ?? event) as IncidentEvent;
  const entryId = await repos.timeline.insert({
    incidentId: applied.incident.id,
    workstreamId: meta.workstreamId ?? null,
    kind: stored.kind,
    occurredAt: meta.occurredAt,
    recordedAt: meta.recordedAt,
    actorId: meta.actorId,
    text: meta.text ?? "",
    data: stored,
    tag: meta.tag ?? null,
    sourceChannelId: meta.source?.channelId ?? null,
    sourceTs: meta.source?.ts ?? null,
    permalink: meta.source?.permalink ?? null,
    dedupeKey: meta.dedupeKey ?? null,
  });
  const effects = handler
    .effects(stored as never, applied.incident, { ...meta, entryId }, options.context)
    .filter((effect) => effect.audience !== "public" || !applied.incident.isPrivate);
  await repos.outbox.enqueue(
    effects.map((effect) => effect.intent),
    { now: options.context.now, announceChannel: options.context.announceChannel },
  );
  return { incident: applied.incident, entryId, event: stored };
}
