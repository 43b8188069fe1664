// The short handoff messages around the handoff card: the nudges of an escalation (in the
// channel, to the incoming holder with the Accept button, to the escalation contact), the
// thank-you to the outgoing holder, and the long-shift nudge.
import { roleWords } from "../../../domain/handoff/role-words.ts";
import { mentionChannel, mentionGroup, mentionUser } from "../../../domain/text/mrkdwn.ts";
import { ACTIONS } from "../../ids.ts";
import { actions, type Block, button, messageText, section } from "../blocks.ts";

type Message = { text: string; blocks: Block[] };

const note = (text: string, blocks?: Block[]): Message => ({
  text: messageText(text),
  blocks: blocks ?? [section(text)],
});

/** " (#channel)" when the incident's channel exists. */
const where = (channelId: string | null) => (channelId ? ` (${mentionChannel(channelId)})` : "");

const mention = (id: string) => (id.startsWith("S") ? mentionGroup(id) : mentionUser(id));

export function handoffAcceptedDm(model: {
  toUserId: string;
  role: string;
  workstream: string | null;
  incidentNumber: number;
}): Message {
  const role = roleWords(model.role, model.workstream);
  return note(
    `:wave: ${mentionUser(model.toUserId)} accepted ${role} of INC-${model.incidentNumber}. You are off duty for it — thank you.`,
  );
}

export function handoffEscalationLine(model: {
  escalation: number;
  toUserId: string;
  contactId: string;
}): Message {
  const line = `:rotating_light: Handoff not accepted (reminder ${model.escalation}). ${mentionUser(model.toUserId)}, please press *Accept command* on the handoff message. ${mention(model.contactId)}: please make sure someone takes over.`;
  return note(line);
}

/** The incoming holder's reminder carries the Accept button, so one click ends the escalation. */
export function handoffReminderDm(model: {
  handoffId: number;
  incidentNumber: number;
  channelId: string | null;
}): Message {
  const text = `:rotating_light: You are due to take over in INC-${model.incidentNumber}${where(model.channelId)} and have not accepted yet.`;
  return note(text, [
    section(text),
    actions(`handoff_reminder:${model.handoffId}`, [
      button({
        actionId: ACTIONS.acceptHandoff,
        text: "Accept command",
        value: String(model.handoffId),
        style: "primary",
      }),
    ]),
  ]);
}

/** To the escalation contact, or (`viaGroup`) to each member of the contact user group. */
export function handoffEscalationDm(model: {
  escalation: number;
  toUserId: string;
  incidentNumber: number;
  channelId: string | null;
  viaGroup: boolean;
  isPrivate?: boolean | undefined;
}): Message {
  if (model.isPrivate) {
    // Someone outside a need-to-know incident's channel learns only that they are needed; the
    // channel invite (for a named contact) shows the rest to the person it is meant for.
    return note(
      model.viaGroup
        ? `:rotating_light: A private incident needs someone from your escalation group: a shift handoff there has not been accepted (escalation ${model.escalation}). Its channel has been told you were asked; its commander can add you.`
        : `:rotating_light: A private incident needs you: a shift handoff there has not been accepted (escalation ${model.escalation}). You have been added to its channel, where the rest is.`,
    );
  }
  const head = `:rotating_light: Escalation ${model.escalation}: ${mentionUser(model.toUserId)} has not accepted a handoff in INC-${model.incidentNumber}${where(model.channelId)}.`;
  return note(
    model.viaGroup
      ? `${head} You are on the escalation group: please reach them or pick someone else.`
      : `${head} Please reach them or pick someone else.`,
  );
}

function heldRole(role: string): string {
  if (role === "commander") return "incident command";
  if (role === "lead") return "a workstream lead";
  return `the ${role} role`;
}

export function longShiftDm(model: {
  role: string;
  hours: number;
  incidentNumber: number;
  channelId: string | null;
  withoutRotation?: boolean | undefined;
}): Message {
  const hours = Math.round(model.hours * 10) / 10;
  const how = model.withoutRotation
    ? "`/incident handoff @someone` starts the handoff"
    : "`/incident shifts` shows who is on next, `/incident handoff @someone` starts the handoff";
  return note(
    `:hourglass: You have held ${heldRole(model.role)} of INC-${model.incidentNumber}${where(model.channelId)} for ${hours}h. Long shifts wear anyone down: consider handing off (${how}).`,
  );
}
