// The one entry point from a queued message's model to what Slack shows: the outbox asks
// here at delivery, so every message is rendered in one layer, late, from data.
import type { IncidentView } from "../../domain/incident/incident-view.ts";
import type { MessageModel, MessageOf } from "../../outbox/messages.ts";
import { actionItemAssignedDm } from "./action-items-view.ts";
import type { Block } from "./blocks.ts";
import { eventLine } from "./event-line.ts";
import { briefMessages } from "./handoffs/handoff-brief-message.ts";
import {
  handoffAcceptedDm,
  handoffEscalationDm,
  handoffEscalationLine,
  handoffReminderDm,
  longShiftDm,
} from "./handoffs/handoff-notices.ts";
import { pageProblem } from "./page-problem.ts";
import { severityEscalated } from "./severity-escalated.ts";
import { statusUpdateMirror, statusUpdatePost } from "./status-update.ts";
import { remindersSnoozed, updateReminder } from "./update-reminder.ts";
import { welcome } from "./welcome.ts";

export interface RenderedMessage {
  text: string;
  blocks?: Block[];
}

/**
 * What a reference model points at, read by the delivery just before rendering: the welcome
 * shows the incident as it is when it reaches the person, not as it was when they joined.
 */
export interface RenderFacts {
  incident?: IncidentView;
}

function statusUpdate(model: MessageOf<"status_update">): RenderedMessage {
  const input = { ...model, occurredAt: new Date(model.occurredAt), recordedAt: new Date(model.recordedAt) };
  return model.placement === "channel" ? statusUpdatePost(input) : statusUpdateMirror(input);
}

function welcomeOf(model: MessageOf<"welcome">, facts: RenderFacts): RenderedMessage {
  if (!facts.incident) throw new Error(`welcome for incident ${model.incidentId} needs the incident`);
  const latest = model.latestUpdate
    ? { text: model.latestUpdate.text, occurredAt: new Date(model.latestUpdate.occurredAt) }
    : null;
  return welcome(facts.incident, model.workstream, latest);
}

/** The message(s) a model becomes, in posting order (a long handoff brief takes several). */
export function renderMessage(model: MessageModel, facts: RenderFacts = {}): RenderedMessage[] {
  switch (model.view) {
    case "event_line":
      return [eventLine(model)];
    case "severity_escalated":
      return [severityEscalated(model)];
    case "status_update":
      return [statusUpdate(model)];
    case "update_reminder":
      return [updateReminder({ ...model, dueAt: new Date(model.dueAt) })];
    case "reminders_snoozed":
      return [remindersSnoozed({ ...model, until: new Date(model.until) })];
    case "handoff_brief":
      return briefMessages(model);
    case "handoff_accepted_dm":
      return [handoffAcceptedDm(model)];
    case "handoff_escalation_line":
      return [handoffEscalationLine(model)];
    case "handoff_reminder_dm":
      return [handoffReminderDm(model)];
    case "handoff_escalation_dm":
      return [handoffEscalationDm(model)];
    case "long_shift_dm":
      return [longShiftDm(model)];
    case "action_item_assigned_dm":
      return [actionItemAssignedDm(model)];
    case "welcome":
      return [welcomeOf(model, facts)];
    case "page_problem":
      return [pageProblem(model.problem)];
  }
}
