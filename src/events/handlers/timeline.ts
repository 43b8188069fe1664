// Status updates, notes and pinned messages. Updates move the reminder clock and reach
// stakeholders; notes stay internal; a pin is confirmed with a quiet reaction, never a post.
import type { EventHandler } from "../types.ts";
import { toIncident, toPublic } from "../types.ts";
import { announceIncidentWide, refreshAnnouncement, refreshSummary } from "./common.ts";
import { statuspageComponents, statuspageIncident } from "./statuspage.ts";

/** The reaction the bot leaves on a message it captured into the timeline. */
export const PIN_CONFIRMATION = "white_check_mark";

export const updatePosted: EventHandler<"update_posted"> = {
  async apply(repos, incident, _event, meta) {
    if (!incident) throw new Error("update_posted needs an incident");
    // The reminder clock runs from the latest update's own time; a late entry of an older
    // update does not move it back. The count numbers updates without counting the timeline.
    const previous = incident.lastUpdateAt;
    const lastUpdateAt = previous && previous >= meta.occurredAt ? previous : meta.occurredAt;
    await repos.incidents.countUpdate(incident.id, lastUpdateAt);
    return { incident: { ...incident, lastUpdateAt, updateCount: incident.updateCount + 1 } };
  },
  effects(event, incident, meta, context) {
    const update = {
      view: "status_update" as const,
      incidentNumber: incident.number,
      severity: incident.severity,
      status: incident.status,
      text: event.text,
      actorId: meta.actorId,
      occurredAt: meta.occurredAt.toISOString(),
      recordedAt: meta.recordedAt.toISOString(),
      workstream: meta.workstream ?? null,
      channelId: incident.channelId,
    };
    const effects = [
      toIncident({
        kind: "message.post",
        target: meta.workstreamId ? { workstreamId: meta.workstreamId } : { incidentId: incident.id },
        message: {
          ...update,
          placement: "channel",
          ...(meta.entryId ? { incidentId: incident.id, entryId: meta.entryId } : {}),
        },
      }),
    ];
    if (event.broadcast && context.announceChannel) {
      effects.push(
        toPublic({
          kind: "announcement.reply",
          incidentId: incident.id,
          message: { ...update, placement: "announcement_thread" },
        }),
        // The announcement itself shows the latest update, updated in place.
        refreshAnnouncement(incident),
      );
    }
    if (event.public && meta.entryId) effects.push(...statuspageIncident(incident, context, meta.entryId));
    return effects;
  },
};

/**
 * Made public on the status page. The page reads the database, so nothing is delivered there;
 * the channel is told, since what responders type with `--public` now reaches customers.
 */
export const incidentPublished: EventHandler<"incident_published"> = {
  async apply(repos, incident, _event, meta) {
    if (!incident) throw new Error("incident_published needs an incident");
    if (incident.publishedAt) return { incident };
    return { incident: await repos.incidents.update(incident.id, { publishedAt: meta.recordedAt }) };
  },
  effects: (event, incident, meta, context) => [
    ...(event.via === "command" ? announceIncidentWide(incident, event, meta) : []),
    // The pinned summary says the incident is public from now on, however it was published.
    refreshSummary(incident),
    // The board it already has becomes component statuses. Published by command, the incident
    // goes to Statuspage now by its title and current status (a status it reached before this
    // was not sent); published by a public update, that update creates it right after.
    ...statuspageComponents(incident, context),
    ...(event.via === "command" ? statuspageIncident(incident, context, null) : []),
  ],
};

export const noteAdded: EventHandler<"note_added"> = {
  async apply(_repos, incident) {
    if (!incident) throw new Error("note_added needs an incident");
    return { incident };
  },
  // Internal: the timeline is where notes live; nothing is posted.
  effects: () => [],
};

export const messagePinned: EventHandler<"message_pinned"> = {
  async apply(_repos, incident) {
    if (!incident) throw new Error("message_pinned needs an incident");
    return { incident };
  },
  // The confirmation goes on messages in the incident's own channels only: a message added
  // from elsewhere (an alerts channel, through the shortcut) is in a channel the bot may not be in.
  effects: (event, incident, meta) =>
    event.channelId === incident.channelId || meta.workstreamId
      ? [
          toIncident({
            kind: "reaction.add",
            channelId: event.channelId,
            ts: event.ts,
            name: PIN_CONFIRMATION,
          }),
        ]
      : [],
};

/** Kept as evidence of what people stopped thinking mattered; the confirmation goes away. */
export const messageUnpinned: EventHandler<"message_unpinned"> = {
  async apply(_repos, incident) {
    if (!incident) throw new Error("message_unpinned needs an incident");
    return { incident };
  },
  effects: (event) => [
    toIncident({ kind: "reaction.remove", channelId: event.channelId, ts: event.ts, name: PIN_CONFIRMATION }),
  ],
};
