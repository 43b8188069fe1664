// ⭐ on a posted status update: the update's own entry becomes key (what `update --key`
// stores), so the postmortem's chronology lists it; this entry records who marked it, when.
// Nothing is posted: the person who pressed is answered, and the timeline shows it.
import type { EventHandler } from "../types.ts";

export const updateMarkedKey: EventHandler<"update_marked_key"> = {
  async apply(repos, incident, event) {
    if (!incident) throw new Error("update_marked_key needs an incident");
    await repos.timeline.markUpdateKey(incident.id, event.updateEntryId);
    return { incident };
  },
  effects: () => [],
};
