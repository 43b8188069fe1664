// What a queued message says, as data: the use case and the event handlers decide *what* must
// be said; src/slack/views decides *how* it looks when the outbox delivers it. Stored in the
// outbox as JSON, so every field is plain data (instants are ISO strings) and each model is
// parsed when delivered: a row queued in an older shape is refused with a clear error.
import { z } from "zod";
import type { HandoffBrief } from "../domain/handoff/brief.ts";
import type { IncidentEvent } from "../domain/timeline/events.ts";

const instant = z.iso.datetime();
const severity = z.number().int().min(1).max(4);
const status = z.string();
const incidentEvent = z.custom<IncidentEvent>(
  (value) =>
    typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string",
  "an incident event",
);
const handoffBrief = z.custom<HandoffBrief>(
  (value) => typeof value === "object" && value !== null && !Array.isArray(value),
  "a handoff brief",
);

export const messageModelSchema = z.discriminatedUnion("view", [
  /** A timeline event as one line in the incident's (or workstream's) channel. */
  z.object({
    view: z.literal("event_line"),
    event: incidentEvent,
    text: z.string(),
    actorId: z.string().nullable(),
    /** When it happened, for a change given an earlier time (`--at`). */
    asOf: z.string().optional(),
  }),
  /** An escalation to SEV1/SEV2, announced where stakeholders watch. */
  z.object({
    view: z.literal("severity_escalated"),
    incidentNumber: z.number().int(),
    to: severity,
    reason: z.string(),
    actorId: z.string().nullable(),
    channelId: z.string().nullable(),
    leadershipGroup: z.string().nullable(),
  }),
  /** A status update: in the incident's channel, or mirrored in the announcement's thread. */
  z.object({
    view: z.literal("status_update"),
    placement: z.enum(["channel", "announcement_thread"]),
    incidentNumber: z.number().int(),
    severity,
    status,
    text: z.string(),
    actorId: z.string().nullable(),
    occurredAt: instant,
    recordedAt: instant,
    workstream: z.string().nullable(),
    channelId: z.string().nullable(),
    /** The update's incident and timeline entry, for its ⭐ Mark as key button (older rows: none). */
    incidentId: z.number().int().optional(),
    entryId: z.number().int().optional(),
  }),
  z.object({
    view: z.literal("update_reminder"),
    incidentId: z.number().int(),
    toUserId: z.string(),
    severity,
    sinceUpdateMs: z.number(),
    neverUpdated: z.boolean(),
    dueAt: instant,
  }),
  z.object({
    view: z.literal("reminders_snoozed"),
    actorId: z.string().nullable(),
    minutes: z.number(),
    until: instant,
  }),
  /** The handoff brief; a long one is rendered as several messages. */
  z.object({
    view: z.literal("handoff_brief"),
    audience: z.enum(["channel", "incoming"]),
    handoffId: z.number().int(),
    incidentNumber: z.number().int(),
    channelId: z.string().nullable(),
    role: z.string(),
    workstream: z.string().nullable(),
    fromUserId: z.string().nullable(),
    toUserId: z.string(),
    brief: handoffBrief,
    revision: z.boolean(),
  }),
  /** To the outgoing holder once the incoming one accepted. */
  z.object({
    view: z.literal("handoff_accepted_dm"),
    toUserId: z.string(),
    role: z.string(),
    workstream: z.string().nullable(),
    incidentNumber: z.number().int(),
  }),
  /** In the channel, each time a handoff nobody accepted is escalated. */
  z.object({
    view: z.literal("handoff_escalation_line"),
    escalation: z.number().int(),
    toUserId: z.string(),
    contactId: z.string(),
  }),
  /** To the incoming holder, with the Accept button. */
  z.object({
    view: z.literal("handoff_reminder_dm"),
    handoffId: z.number().int(),
    incidentNumber: z.number().int(),
    channelId: z.string().nullable(),
  }),
  /** To the escalation contact (`viaGroup`: a member of the contact user group). */
  z.object({
    view: z.literal("handoff_escalation_dm"),
    escalation: z.number().int(),
    toUserId: z.string(),
    incidentNumber: z.number().int(),
    channelId: z.string().nullable(),
    viaGroup: z.boolean(),
    /** A private incident: the DM names neither the incident nor its channel nor who is late. */
    isPrivate: z.boolean().optional(),
  }),
  /** To the person an action item was just given to (a private incident's says only where to look). */
  z.object({
    view: z.literal("action_item_assigned_dm"),
    incidentNumber: z.number().int(),
    channelId: z.string().nullable(),
    number: z.number().int().nullable(),
    text: z.string(),
    byUserId: z.string().nullable(),
    isPrivate: z.boolean(),
  }),
  z.object({
    view: z.literal("long_shift_dm"),
    role: z.string(),
    hours: z.number(),
    incidentNumber: z.number().int(),
    channelId: z.string().nullable(),
    withoutRotation: z.boolean().optional(),
  }),
  /** A page the bot should have sent on its own but could not (who is missing, how to map them). */
  z.object({ view: z.literal("page_problem"), problem: z.string() }),
  /**
   * Where things stand, for someone who just joined: a reference, rendered from the incident
   * as it is when delivered.
   */
  z.object({
    view: z.literal("welcome"),
    incidentId: z.number().int(),
    workstream: z.string().nullable(),
    latestUpdate: z.object({ text: z.string(), occurredAt: instant }).nullable(),
  }),
]);

export type MessageModel = z.infer<typeof messageModelSchema>;
export type MessageView = MessageModel["view"];
export type MessageOf<V extends MessageView> = Extract<MessageModel, { view: V }>;

/** Thrown when a queued message is not a model this version can render. */
export class UnknownMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnknownMessageError";
  }
}

/** The model of a queued message, checked; refuses (UnknownMessageError) what does not parse. */
export function parseMessageModel(value: unknown): MessageModel {
  const parsed = messageModelSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const view = (value as { view?: unknown } | null | undefined)?.view;
  const what = typeof view === "string" ? `message model "${view}"` : "message without a known model";
  throw new UnknownMessageError(
    `cannot render ${what} (queued by another version?): ${z.prettifyError(parsed.error).replace(/\n/g, " ")}`,
  );
}
