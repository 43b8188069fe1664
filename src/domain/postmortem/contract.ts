// Reading recorded events defensively. Timeline `data` is JSON written by many features (some
// built in parallel from a shared contract), so every field is checked for its type and a
// missing or malformed one reads as absent instead of breaking the draft.
import type { HandoffBrief } from "./input.ts";

export type Data = Record<string, unknown>;

export function asData(value: unknown): Data {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Data) : {};
}

export const str = (data: Data, key: string): string => (typeof data[key] === "string" ? data[key] : "");

export const strOrNull = (data: Data, key: string): string | null =>
  typeof data[key] === "string" && data[key] !== "" ? data[key] : null;

export const num = (data: Data, key: string): number | null =>
  typeof data[key] === "number" && Number.isFinite(data[key]) ? data[key] : null;

export const strings = (data: Data, key: string): string[] =>
  Array.isArray(data[key]) ? (data[key] as unknown[]).filter((v): v is string => typeof v === "string") : [];

/** An ISO instant stored as a string, or null when absent or unreadable. */
export function instant(data: Data, key: string): Date | null {
  const value = strOrNull(data, key);
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Slack user IDs (people, not bots or groups). */
export const isUserId = (id: unknown): id is string => typeof id === "string" && /^[UW][A-Z0-9]+$/.test(id);

/** Event kinds the postmortem reads, by the names of the shared event contract. */
export const KINDS = {
  declared: "incident_declared",
  severity: "severity_changed",
  status: "status_changed",
  reopened: "incident_reopened",
  role: "role_assigned",
  invited: "people_invited",
  workstreamAdded: "workstream_added",
  workstreamStatus: "workstream_status_changed",
  service: "service_status_changed",
  milestone: "milestone_recorded",
  update: "update_posted",
  note: "note_added",
  pinned: "message_pinned",
  reminder: "reminder_sent",
  snoozed: "reminder_snoozed",
  rotation: "rotation_attached",
  handoffPrompted: "handoff_prompted",
  handoffBriefed: "handoff_briefed",
  handoffAccepted: "handoff_accepted",
  handoffEscalated: "handoff_escalated",
  longShift: "long_shift_prompted",
  action: "action_added",
  closed: "incident_closed",
} as const;

const BRIEF_FIELDS = ["currentState", "triedOrRuledOut", "openActions", "risks", "nextCheckpoint"] as const;

/** A handoff brief, or null when `value` holds none of its fields. */
export function readBrief(value: unknown): HandoffBrief | null {
  const data = asData(value);
  if (!BRIEF_FIELDS.some((field) => typeof data[field] === "string")) return null;
  return {
    currentState: str(data, "currentState"),
    triedOrRuledOut: str(data, "triedOrRuledOut"),
    openActions: str(data, "openActions"),
    risks: str(data, "risks"),
    nextCheckpoint: str(data, "nextCheckpoint"),
  };
}

/** Fields of recorded events that name a person, singly or as lists. */
const PERSON_FIELDS = [
  "userId",
  "previousUserId",
  "commanderId",
  "leadId",
  "ownerId",
  "fromUserId",
  "toUserId",
  "acceptedById",
  "contactId",
  "authorId",
  // Pages (issue 14): the paged person (a team name is not a user ID, so it is skipped) and who acknowledged.
  "targetId",
  "byUserId",
] as const;
const PEOPLE_FIELDS = ["userIds", "invitees"] as const;

/** Every user ID an event's data names. */
export function peopleIn(value: unknown): string[] {
  const data = asData(value);
  const ids: string[] = [];
  for (const key of PERSON_FIELDS) if (isUserId(data[key])) ids.push(data[key]);
  for (const key of PEOPLE_FIELDS) for (const id of strings(data, key)) if (isUserId(id)) ids.push(id);
  return ids;
}
