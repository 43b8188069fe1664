// Managing follow-up action items: done, reassigned, edited. Each is a line in the channel
// and an entry in the timeline; whoever is given an item hears it in a DM (unless they gave
// it to themselves).
import type { Incident } from "../../domain/incident/incident.ts";
import type { EventMeta } from "../../domain/timeline/events.ts";
import type { Effect, EventHandler } from "../types.ts";
import { toIncident } from "../types.ts";
import { announceInChannel } from "./common.ts";

/** The DM to a new owner; a private incident's names neither the item nor the channel. */
export function assignedDm(
  incident: Incident,
  /** `number`: its place in the list, when known (a new item's is not stored in its event). */
  item: { number: number | null; text: string; ownerId: string | null },
  meta: EventMeta,
): Effect[] {
  if (!item.ownerId || item.ownerId === meta.actorId) return [];
  return [
    toIncident({
      kind: "message.post",
      target: { userId: item.ownerId },
      message: {
        view: "action_item_assigned_dm",
        incidentNumber: incident.number,
        channelId: incident.channelId,
        number: item.number,
        text: item.text,
        byUserId: meta.actorId,
        isPrivate: incident.isPrivate,
      },
    }),
  ];
}

export const actionDone: EventHandler<"action_done"> = {
  async apply(repos, incident, event, meta) {
    if (!incident) throw new Error("action_done needs an incident");
    await repos.actionItems.markDone(event.actionId, meta.occurredAt);
    return { incident };
  },
  effects: (event, incident, meta) => [announceInChannel(incident, event, meta)],
};

export const actionReassigned: EventHandler<"action_reassigned"> = {
  async apply(repos, incident, event) {
    if (!incident) throw new Error("action_reassigned needs an incident");
    await repos.actionItems.setOwner(event.actionId, event.to);
    return { incident };
  },
  effects: (event, incident, meta) => [
    announceInChannel(incident, event, meta),
    ...assignedDm(incident, { number: event.number, text: event.text, ownerId: event.to }, meta),
  ],
};

export const actionEdited: EventHandler<"action_edited"> = {
  async apply(repos, incident, event) {
    if (!incident) throw new Error("action_edited needs an incident");
    await repos.actionItems.setText(event.actionId, event.to);
    return { incident };
  },
  effects: (event, incident, meta) => [announceInChannel(incident, event, meta)],
};
