// Named moments. A correction keeps the first value, who corrected it and when.
import type { EventHandler } from "../types.ts";
import { refreshSummary } from "./common.ts";

export const milestoneRecorded: EventHandler<"milestone_recorded"> = {
  async apply(repos, incident, event, meta) {
    if (!incident) throw new Error("milestone_recorded needs an incident");
    const at = new Date(event.at);
    const existing = await repos.milestones.byName(incident.id, event.name);
    if (existing) {
      await repos.milestones.correct(existing, {
        at,
        note: event.note,
        by: meta.actorId,
        now: meta.recordedAt,
      });
    } else {
      await repos.milestones.create({
        incidentId: incident.id,
        name: event.name,
        at,
        setById: meta.actorId,
        note: event.note,
      });
    }
    return { incident, event: { ...event, previousAt: existing ? existing.occurredAt.toISOString() : null } };
  },
  effects: (_event, incident) => [refreshSummary(incident)],
};
