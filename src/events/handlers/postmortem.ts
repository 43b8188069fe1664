// Closing an incident and recording follow-up actions: the two events of the postmortem.
import type { EventHandler } from "../types.ts";
import { assignedDm } from "./action-items.ts";
import { announceEverywhere, announceInChannel } from "./common.ts";

/** A follow-up action item; the stored event carries the id of the row it created. */
export const actionAdded: EventHandler<"action_added"> = {
  async apply(repos, incident, event, meta) {
    if (!incident) throw new Error("action_added needs an incident");
    const item = await repos.actionItems.create({
      incidentId: incident.id,
      text: event.text,
      ownerId: event.ownerId,
      createdById: meta.actorId ?? "",
      at: meta.occurredAt,
    });
    return { incident, event: { ...event, actionId: item.id } };
  },
  effects: (event, incident, meta) => [
    announceInChannel(incident, event, meta),
    ...assignedDm(incident, { number: null, text: event.text, ownerId: event.ownerId }, meta),
  ],
};

/**
 * Closing: status `closed`, when, the statements for the postmortem, and the `closed`
 * milestone. Rendering and uploading the draft is asked for by the use case (it depends on
 * configuration: canvas, archiving).
 */
export const incidentClosed: EventHandler<"incident_closed"> = {
  async apply(repos, incident, event, meta) {
    if (!incident) throw new Error("incident_closed needs an incident");
    const updated = await repos.incidents.update(incident.id, {
      status: "closed",
      closedAt: meta.occurredAt,
      updatedAt: meta.occurredAt,
      rootCause: event.rootCause || null,
      customerImpact: event.customerImpact || null,
      lessons: event.lessons || null,
    });
    await repos.milestones.setAutomatic(incident.id, "closed", meta.occurredAt, meta.actorId, false);
    return { incident: updated };
  },
  effects: (event, incident, meta) => announceEverywhere(incident, event, meta),
};
