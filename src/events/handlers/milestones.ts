// Named moments. A correction keeps the first value, who corrected it and when.
import type { EventHandler } from "../types.ts";
import { refreshSummary } from "./common.ts";

export const milestoneRecorded: EventHandler<"milestone_recorded"> = {
  async apply(tx, incident, event, meta) {
    if (!incident) throw new Error("milestone_recorded needs an incident");
    const at = new Date(event.at);
    const existing = await tx.milestone.findUnique({
      where: { incidentId_name: { incidentId: incident.id, name: event.name } },
    });
    if (existing) {
      await tx.milestone.update({
        where: { id: existing.id },
        data: {
          occurredAt: at,
          note: event.note || existing.note,
          originalAt: existing.originalAt ?? existing.occurredAt,
          correctedById: meta.actorId,
          correctedAt: meta.recordedAt,
        },
      });
    } else {
      await tx.milestone.create({
        data: {
          incidentId: incident.id,
          name: event.name,
          occurredAt: at,
          setById: meta.actorId,
          note: event.note,
        },
      });
    }
    return { incident, event: { ...event, previousAt: existing ? existing.occurredAt.toISOString() : null } };
  },
  effects: (_event, incident) => [refreshSummary(incident)],
};
