// Status changes and reopening. Resolving records the `resolved` milestone; reopening removes
// it (the timeline keeps both moments).
import type { EventHandler } from "../types.ts";
import { announceInChannel, refreshAnnouncement, refreshSummary, refreshTopic } from "./common.ts";

export const statusChanged: EventHandler<"status_changed"> = {
  async apply(tx, incident, event, meta) {
    if (!incident) throw new Error("status_changed needs an incident");
    const resolving = event.to === "resolved";
    const updated = await tx.incident.update({
      where: { id: incident.id },
      data: {
        status: event.to,
        updatedAt: meta.occurredAt,
        ...(resolving ? { resolvedAt: meta.occurredAt } : {}),
      },
    });
    if (resolving) {
      await tx.milestone.upsert({
        where: { incidentId_name: { incidentId: incident.id, name: "resolved" } },
        create: {
          incidentId: incident.id,
          name: "resolved",
          occurredAt: meta.occurredAt,
          setById: meta.actorId,
        },
        update: {
          occurredAt: meta.occurredAt,
          setById: meta.actorId,
          originalAt: null,
          correctedAt: null,
          correctedById: null,
        },
      });
    }
    return { incident: updated };
  },
  effects: (event, incident, meta) => [
    announceInChannel(incident, event, meta),
    refreshSummary(incident),
    refreshTopic(incident),
    refreshAnnouncement(incident),
  ],
};

export const incidentReopened: EventHandler<"incident_reopened"> = {
  async apply(tx, incident, _event, meta) {
    if (!incident) throw new Error("incident_reopened needs an incident");
    const updated = await tx.incident.update({
      where: { id: incident.id },
      data: { status: "investigating", resolvedAt: null, updatedAt: meta.occurredAt },
    });
    await tx.milestone.deleteMany({ where: { incidentId: incident.id, name: "resolved" } });
    return { incident: updated };
  },
  effects: (event, incident, meta) => [
    announceInChannel(incident, event, meta),
    refreshSummary(incident),
    refreshTopic(incident),
    refreshAnnouncement(incident),
  ],
};
