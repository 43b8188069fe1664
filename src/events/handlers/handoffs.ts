// Rotations and shift handoffs. The Handoff row itself is created by the prompting use case
// (src/services/handoffs/prompt-handoff.ts) in the same transaction, because its dedupe key
// and deadline are not part of the event; every later change to it happens here.

import type { Repositories } from "../../db/repositories/store.ts";
import { escalationIntervalMs, nextReminderAt } from "../../domain/handoff/state.ts";
import type { Scope } from "../../outbox/intents.ts";
import type { MessageModel } from "../../outbox/messages.ts";
import type { EventHandler, EventHandlers } from "../types.ts";
import { toIncident } from "../types.ts";
import { announceInChannel } from "./common.ts";

const scopeOf = (incidentId: number, workstreamId: number | null): Scope =>
  workstreamId ? { workstreamId } : { incidentId };

const card = (incidentId: number, workstreamId: number | null, handoffId: number) =>
  toIncident({ kind: "handoff.card", scope: scopeOf(incidentId, workstreamId), handoffId });

const dm = (userId: string, message: MessageModel) =>
  toIncident({ kind: "message.post", target: { userId }, message });

async function handoffRow(repos: Repositories, handoffId: number) {
  const handoff = await repos.handoffs.byId(handoffId);
  if (!handoff) throw new Error(`handoff ${handoffId} does not exist`);
  return handoff;
}

export const rotationAttached: EventHandler<"rotation_attached"> = {
  async apply(repos, incident, event) {
    if (!incident) throw new Error("rotation_attached needs an incident");
    if (event.workstreamId) {
      await repos.workstreams.setRotation(event.workstreamId, event.rotation);
      return { incident };
    }
    const updated = await repos.incidents.update(incident.id, { rotation: event.rotation });
    return { incident: updated };
  },
  effects: (event, incident, meta) => [announceInChannel(incident, event, meta)],
};

export const handoffPrompted: EventHandler<"handoff_prompted"> = {
  async apply(_repos, incident) {
    if (!incident) throw new Error("handoff_prompted needs an incident");
    return { incident };
  },
  effects(event, incident) {
    const scope = scopeOf(incident.id, event.workstreamId);
    // The incoming holder may not be in the channel yet: they need to see the handoff.
    return [
      toIncident({ kind: "channel.invite", scope, users: [event.toUserId], groups: [] }),
      card(incident.id, event.workstreamId, event.handoffId),
    ];
  },
};

export const handoffBriefed: EventHandler<"handoff_briefed"> = {
  async apply(repos, incident, event, meta) {
    if (!incident) throw new Error("handoff_briefed needs an incident");
    await repos.handoffs.brief(event.handoffId, event.brief, meta.occurredAt, meta.actorId);
    return { incident };
  },
  // The brief itself (channel and DM) is queued by the use case, which knows the role and
  // workstream by name; here only the handoff message moves on.
  effects: (event, incident, meta) => [card(incident.id, meta.workstreamId ?? null, event.handoffId)],
};

export const handoffAccepted: EventHandler<"handoff_accepted"> = {
  async apply(repos, incident, event, meta) {
    if (!incident) throw new Error("handoff_accepted needs an incident");
    await repos.handoffs.accept(event.handoffId, meta.occurredAt, event.acceptedById);
    return { incident };
  },
  effects(event, incident) {
    const effects = [card(incident.id, event.workstreamId, event.handoffId)];
    if (event.workstreamId) {
      // role_assigned refreshes the incident's topic for command; a lead shows in the workstream's.
      effects.push(toIncident({ kind: "channel.topic", scope: { workstreamId: event.workstreamId } }));
    }
    if (event.fromUserId && event.fromUserId !== event.toUserId) {
      effects.push(
        dm(event.fromUserId, {
          view: "handoff_accepted_dm",
          toUserId: event.toUserId,
          role: event.role,
          workstream: event.workstream,
          incidentNumber: incident.number,
        }),
      );
    }
    return effects;
  },
};

export const handoffEscalated: EventHandler<"handoff_escalated"> = {
  async apply(repos, incident, event, meta) {
    if (!incident) throw new Error("handoff_escalated needs an incident");
    const handoff = await handoffRow(repos, event.handoffId);
    const interval = escalationIntervalMs(handoff);
    await repos.handoffs.escalated(
      event.handoffId,
      event.escalation,
      handoff.acceptBy ? nextReminderAt(handoff.acceptBy, interval, event.escalation, meta.recordedAt) : null,
    );
    return { incident };
  },
  effects(event, incident, meta) {
    const workstreamId = meta.workstreamId ?? null;
    const effects = [
      card(incident.id, workstreamId, event.handoffId),
      toIncident({
        kind: "message.post",
        target: scopeOf(incident.id, workstreamId),
        message: {
          view: "handoff_escalation_line",
          escalation: event.escalation,
          toUserId: event.toUserId,
          contactId: event.contactId,
        },
      }),
      // The incoming holder's reminder carries the Accept button, so one click ends the escalation.
      dm(event.toUserId, {
        view: "handoff_reminder_dm",
        handoffId: event.handoffId,
        incidentNumber: incident.number,
        channelId: incident.channelId,
      }),
    ];
    if (/^[UW]/.test(event.contactId) && event.contactId !== event.toUserId) {
      // A private incident's named contact is brought into the channel: the DM says no more.
      if (incident.isPrivate)
        effects.push(
          toIncident({
            kind: "channel.invite",
            scope: scopeOf(incident.id, workstreamId),
            users: [event.contactId],
            groups: [],
          }),
        );
      effects.push(
        dm(event.contactId, {
          view: "handoff_escalation_dm",
          escalation: event.escalation,
          toUserId: event.toUserId,
          incidentNumber: incident.number,
          channelId: incident.channelId,
          viaGroup: false,
          ...(incident.isPrivate ? { isPrivate: true } : {}),
        }),
      );
    }
    return effects;
  },
};

export const longShiftPrompted: EventHandler<"long_shift_prompted"> = {
  async apply(_repos, incident) {
    if (!incident) throw new Error("long_shift_prompted needs an incident");
    return { incident };
  },
  effects(event, incident) {
    return [
      dm(event.userId, {
        view: "long_shift_dm",
        role: event.role,
        hours: event.hours,
        incidentNumber: incident.number,
        channelId: incident.channelId,
        ...(event.withoutRotation ? { withoutRotation: true } : {}),
      }),
    ];
  },
};

export const HANDOFF_EVENT_HANDLERS: Pick<
  EventHandlers,
  | "rotation_attached"
  | "handoff_prompted"
  | "handoff_briefed"
  | "handoff_accepted"
  | "handoff_escalated"
  | "long_shift_prompted"
> = {
  rotation_attached: rotationAttached,
  handoff_prompted: handoffPrompted,
  handoff_briefed: handoffBriefed,
  handoff_accepted: handoffAccepted,
  handoff_escalated: handoffEscalated,
  long_shift_prompted: longShiftPrompted,
};
