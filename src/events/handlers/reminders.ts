// Update reminders: the reminder message with its buttons, and snoozes (which move the next
// reminder; the snooze is acknowledged in the reminder's thread, not in the channel).
import type { EventHandler } from "../types.ts";
import { toIncident } from "../types.ts";

export const reminderSent: EventHandler<"reminder_sent"> = {
  async apply(_repos, incident) {
    if (!incident) throw new Error("reminder_sent needs an incident");
    return { incident };
  },
  effects: (event, incident) => [
    toIncident({
      kind: "message.post",
      target: { incidentId: incident.id },
      message: {
        view: "update_reminder",
        incidentId: incident.id,
        toUserId: event.toUserId,
        severity: event.severity,
        sinceUpdateMs: event.sinceUpdateMs,
        neverUpdated: incident.lastUpdateAt === null,
        dueAt: new Date(event.dueAt).toISOString(),
      },
    }),
  ],
};

export const reminderSnoozed: EventHandler<"reminder_snoozed"> = {
  async apply(repos, incident, event) {
    if (!incident) throw new Error("reminder_snoozed needs an incident");
    const updated = await repos.incidents.update(incident.id, {
      remindersSnoozedUntil: new Date(event.until),
    });
    return { incident: updated };
  },
  effects(event, incident, meta) {
    return [
      toIncident({
        kind: "message.post",
        target: { incidentId: incident.id },
        message: {
          view: "reminders_snoozed",
          actorId: meta.actorId,
          minutes: event.minutes,
          until: new Date(event.until).toISOString(),
        },
        // In the reminder's thread when the snooze came from its button.
        ...(meta.source ? { threadTs: meta.source.ts } : {}),
      }),
    ];
  },
};
