// The timeline's `data` column, parsed once into the event union. Every stored entry was
// written from an IncidentEvent (src/events/record-event.ts), so anything that does not parse
// is corruption to report, not something to paper over with defaults. The `satisfies` check
// below makes a change to IncidentEvent without a change here a type error.
import { z } from "zod";
import type { HandoffBrief } from "../handoff/brief.ts";
import type { IncidentEvent } from "./events.ts";
import { pageEventSchemas } from "./page-event-schema.ts";

const severity = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const status = z.enum(["investigating", "identified", "monitoring", "resolved", "closed"]);
const role = z.enum(["commander", "comms", "scribe", "ops", "lead"]);
const handoffRole = z.enum(["commander", "lead"]);
const id = z.number().int();
const nullableString = z.string().nullable();

export const briefSchema = z.object({
  currentState: z.string(),
  triedOrRuledOut: z.string(),
  openActions: z.string(),
  risks: z.string(),
  nextCheckpoint: z.string(),
}) satisfies z.ZodType<HandoffBrief>;

export const incidentEventSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("incident_declared"),
    number: id,
    title: z.string(),
    summary: z.string(),
    severity,
    isPrivate: z.boolean(),
    regions: z.array(z.string()),
    services: z.array(z.string()),
    commanderId: z.string(),
    channelName: z.string(),
    invitees: z.array(z.string()),
  }),
  z.object({ kind: z.literal("severity_changed"), from: severity, to: severity, reason: z.string() }),
  z.object({ kind: z.literal("status_changed"), from: status, to: status, message: z.string() }),
  z.object({ kind: z.literal("incident_reopened"), from: status, reason: z.string() }),
  z.object({
    kind: z.literal("role_assigned"),
    role,
    userId: z.string(),
    previousUserId: nullableString,
    workstreamId: id.nullable(),
    workstream: nullableString,
    handoffId: id.nullable(),
  }),
  z.object({
    kind: z.literal("people_invited"),
    userIds: z.array(z.string()),
    groupIds: z.array(z.string()),
    // Each group's members when invited (null: Slack could not say), so they are counted.
    groups: z
      .array(z.object({ id: z.string(), handle: nullableString, memberIds: z.array(z.string()).nullable() }))
      .optional(),
    // Joined the channel by themselves (not through the bot): recorded, nobody to invite.
    joined: z.boolean().optional(),
    // Added by the actor with Slack's own invite: recorded, nobody left to invite.
    addedInSlack: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal("workstream_added"),
    workstreamId: id.nullable(),
    name: z.string(),
    leadId: nullableString,
    withChannel: z.boolean(),
    // The workstream it is under; absent on entries written before workstreams could nest.
    parentId: id.nullable().optional(),
    parent: nullableString.optional(),
  }),
  z.object({
    kind: z.literal("workstream_status_changed"),
    workstreamId: id,
    name: z.string(),
    from: status,
    to: status,
    message: z.string(),
  }),
  z.object({
    kind: z.literal("service_status_changed"),
    service: z.string(),
    region: z.string(),
    phase: z.enum(["live", "backfill"]),
    from: nullableString,
    to: z.string(),
    note: z.string(),
  }),
  z.object({
    kind: z.literal("milestone_recorded"),
    name: z.string(),
    at: z.string(),
    previousAt: nullableString,
    note: z.string(),
  }),
  // key: marked as a key update (`update --key`): a moment of the postmortem's chronology.
  z.object({
    kind: z.literal("update_posted"),
    text: z.string(),
    broadcast: z.boolean(),
    key: z.boolean().optional(),
    public: z.boolean().optional(),
  }),
  z.object({ kind: z.literal("update_marked_key"), updateEntryId: z.number().int(), text: z.string() }),
  z.object({ kind: z.literal("incident_published"), via: z.enum(["command", "public_update"]) }),
  z.object({ kind: z.literal("note_added"), text: z.string(), tag: z.enum(["cause", "lesson"]).nullable() }),
  z.object({
    kind: z.literal("message_pinned"),
    channelId: z.string(),
    ts: z.string(),
    authorId: nullableString,
    botId: nullableString,
    text: z.string(),
    permalink: nullableString,
    threadTs: nullableString,
  }),
  z.object({
    kind: z.literal("message_unpinned"),
    channelId: z.string(),
    ts: z.string(),
    pinnedEntryId: id,
    authorId: nullableString,
    text: z.string(),
  }),
  z.object({
    kind: z.literal("reminder_sent"),
    dueAt: z.string(),
    toUserId: z.string(),
    severity: z.number(),
    sinceUpdateMs: z.number(),
  }),
  z.object({ kind: z.literal("reminder_snoozed"), until: z.string(), minutes: z.number() }),
  z.object({
    kind: z.literal("rotation_attached"),
    rotation: z.string(),
    workstreamId: id.nullable(),
    workstream: nullableString,
  }),
  z.object({
    kind: z.literal("handoff_prompted"),
    handoffId: id,
    rotation: nullableString,
    role: handoffRole,
    workstreamId: id.nullable(),
    workstream: nullableString,
    boundaryAt: nullableString,
    fromUserId: nullableString,
    toUserId: z.string(),
    manual: z.boolean(),
  }),
  z.object({
    kind: z.literal("handoff_briefed"),
    handoffId: id,
    fromUserId: nullableString,
    toUserId: z.string(),
    brief: briefSchema,
  }),
  z.object({
    kind: z.literal("handoff_accepted"),
    handoffId: id,
    role: handoffRole,
    workstreamId: id.nullable(),
    workstream: nullableString,
    fromUserId: nullableString,
    toUserId: z.string(),
    acceptedById: z.string(),
    boundaryAt: nullableString,
    latencyMs: z.number().nullable(),
  }),
  z.object({
    kind: z.literal("handoff_escalated"),
    handoffId: id,
    escalation: z.number(),
    contactId: z.string(),
    toUserId: z.string(),
  }),
  z.object({
    kind: z.literal("long_shift_prompted"),
    userId: z.string(),
    role: z.string(),
    workstreamId: id.nullable(),
    hours: z.number(),
    withoutRotation: z.literal(true).optional(),
  }),
  z.object({
    kind: z.literal("rotation_detached"),
    rotation: z.string(),
    workstreamId: id.nullable(),
    workstream: nullableString,
  }),
  z.object({ kind: z.literal("title_changed"), from: z.string(), to: z.string() }),
  z.object({ kind: z.literal("summary_changed"), from: z.string(), to: z.string() }),
  z.object({ kind: z.literal("action_added"), actionId: id, text: z.string(), ownerId: nullableString }),
  z.object({ kind: z.literal("action_done"), actionId: id, number: z.number().int(), text: z.string() }),
  z.object({
    kind: z.literal("action_reassigned"),
    actionId: id,
    number: z.number().int(),
    text: z.string(),
    from: nullableString,
    to: nullableString,
  }),
  z.object({
    kind: z.literal("action_edited"),
    actionId: id,
    number: z.number().int(),
    from: z.string(),
    to: z.string(),
  }),
  z.object({
    kind: z.literal("incident_closed"),
    rootCause: z.string(),
    customerImpact: z.string(),
    lessons: z.string(),
  }),
  ...pageEventSchemas,
]) satisfies z.ZodType<IncidentEvent>;
