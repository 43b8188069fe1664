// Detaching an incident (or a workstream) from its rotation: shift changes stop prompting
// handoffs there (the handoff scheduler reads the stored rotation). Said in the channel.
import type { EventHandler } from "../types.ts";
import { announceInChannel } from "./common.ts";

export const rotationDetached: EventHandler<"rotation_detached"> = {
  async apply(repos, incident, event) {
    if (!incident) throw new Error("rotation_detached needs an incident");
    if (event.workstreamId) {
      await repos.workstreams.setRotation(event.workstreamId, null);
      return { incident };
    }
    return { incident: await repos.incidents.update(incident.id, { rotation: null }) };
  },
  effects: (event, incident, meta) => [announceInChannel(incident, event, meta)],
};
