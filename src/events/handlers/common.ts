// Effects most events share: refresh what shows current state, and tell the channel.
import type { Incident } from "../../domain/incident/incident.ts";
import type { EventMeta, IncidentEvent } from "../../domain/timeline/events.ts";
import { type Effect, toIncident, toPublic } from "../types.ts";

export const refreshSummary = (incident: Incident): Effect =>
  toIncident({ kind: "summary.refresh", scope: { incidentId: incident.id } });

export const refreshTopic = (incident: Incident): Effect =>
  toIncident({ kind: "channel.topic", scope: { incidentId: incident.id } });

/** Workstream channels show the incident's severity and their region's board rows. */
export const refreshWorkstreams = (incident: Incident): Effect =>
  toIncident({ kind: "workstreams.refresh", incidentId: incident.id });

export const refreshAnnouncement = (incident: Incident): Effect =>
  toPublic({ kind: "announcement.refresh", incidentId: incident.id });

/** Recorded more than this after it happened: the channel line says when it happened. */
const BACKDATED_MS = 60_000;

/** The event as one line in the channel it was typed in: the workstream's, or the incident's. */
function eventLine(event: IncidentEvent, meta: EventMeta) {
  return {
    view: "event_line" as const,
    event,
    text: meta.text ?? "",
    actorId: meta.actorId,
    // Given for an earlier time (`--at`): the line says when it happened.
    ...(meta.recordedAt.getTime() - meta.occurredAt.getTime() > BACKDATED_MS
      ? { asOf: meta.occurredAt.toISOString() }
      : {}),
  };
}

export function announceInChannel(incident: Incident, event: IncidentEvent, meta: EventMeta): Effect {
  return toIncident({
    kind: "message.post",
    target: meta.workstreamId ? { workstreamId: meta.workstreamId } : { incidentId: incident.id },
    message: eventLine(event, meta),
  });
}

/**
 * An incident-wide change (severity, incident status, command…) as a line in the incident's
 * channel wherever it was typed; typed in a workstream channel, that channel gets the line too.
 */
export function announceIncidentWide(incident: Incident, event: IncidentEvent, meta: EventMeta): Effect[] {
  const message = eventLine(event, meta);
  const effects = [toIncident({ kind: "message.post", target: { incidentId: incident.id }, message })];
  if (meta.workstreamId)
    effects.push(
      toIncident({
        kind: "message.post",
        target: { workstreamId: meta.workstreamId },
        message,
        ownChannelOnly: true,
      }),
    );
  return effects;
}

/**
 * A change everyone watching the incident sees: a line in its channel, and the pinned summary,
 * topic and announcement refreshed.
 */
export const announceEverywhere = (incident: Incident, event: IncidentEvent, meta: EventMeta): Effect[] => [
  ...announceIncidentWide(incident, event, meta),
  refreshSummary(incident),
  refreshTopic(incident),
  refreshAnnouncement(incident),
];
