// Status changes and reopening. Resolving records the `resolved` milestone; reopening removes
// it (the timeline keeps both moments).
import type { EventHandler } from "../types.ts";
import { announceEverywhere } from "./common.ts";

export const statusChanged: EventHandler<"status_changed"> = {
  async apply(repos, incident, event, meta) {
    if (!incident) throw new Error("status_changed needs an incident");
    const resolving = event.to === "resolved";
    const updated = await repos.incidents.update(incident.id, {
      status: event.to,
      updatedAt: meta.occurredAt,
      ...(resolving ? { resolvedAt: meta.occurredAt } : {}),
    });
    if (resolving) {
      await repos.milestones.setAutomatic(incident.id, "resolved", meta.occurredAt, meta.actorId, true);
    }
    return { incident: updated };
  },
  effects: (event, incident, meta) => announceEverywhere(incident, event, meta),
};

export const incidentReopened: EventHandler<"incident_reopened"> = {
  async apply(repos, incident, _event, meta) {
    if (!incident) throw new Error("incident_reopened needs an incident");
    const updated = await repos.incidents.update(incident.id, {
      status: "investigating",
      resolvedAt: null,
      updatedAt: meta.occurredAt,
    });
    await repos.milestones.remove(incident.id, "resolved");
    return { incident: updated };
  },
  effects: (event, incident, meta) => announceEverywhere(incident, event, meta),
};
