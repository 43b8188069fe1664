// What a use case tells the person who asked for it: facts, not words. The listener renders
// them (src/slack/views/replies), and `runChange` stores them as the request's answer, so a
// retried request is answered from the same facts rendered again. Everything here must survive
// JSON (times are ISO strings, no Dates or Maps).
import type { ServiceState } from "../domain/command/verbs/service.ts";
import type { Role } from "../domain/incident/roles.ts";
import type { Severity } from "../domain/incident/severity.ts";
import type { SettableStatus } from "../domain/incident/status.ts";

export interface SeverityChanged {
  kind: "severity_changed";
  incidentNumber: number;
  from: Severity;
  to: Severity;
  /** When it happened, if `--at` gave a time (ISO). */
  asOf?: string | null;
}

export interface StatusChanged {
  kind: "status_changed";
  incidentNumber: number;
  to: SettableStatus;
  /** When it happened, if `--at` gave a time (ISO). */
  asOf?: string | null;
}

export interface WorkstreamStatusChanged {
  kind: "workstream_status_changed";
  workstream: string;
  to: SettableStatus;
  /** When it happened, if `--at` gave a time (ISO). */
  asOf?: string | null;
}

export interface IncidentReopened {
  kind: "incident_reopened";
  incidentNumber: number;
}

export interface RoleAssigned {
  kind: "role_assigned";
  role: Role;
  userId: string;
  /** The workstream whose lead this is, if any. */
  workstream: string | null;
  /** When it happened, if `--at` gave a time (ISO). */
  asOf?: string | null;
}

export interface PeopleInvited {
  kind: "people_invited";
  /** People and user groups together. */
  count: number;
  /** Everyone this brought in: the people named and the members of the groups. */
  people?: number;
  groups?: number;
  /** Groups whose members Slack would not list. */
  groupsUncounted?: number;
}

export interface JoiningIncident {
  kind: "joining_incident";
  incidentNumber: number;
}

export interface WorkstreamAdded {
  kind: "workstream_added";
  name: string;
  withChannel: boolean;
  /** The workstream it is under, if any. */
  parent?: string | null;
}

export interface MilestoneRecorded {
  kind: "milestone_recorded";
  name: string;
  at: string;
  /** Set when this corrected an earlier time. */
  previousAt: string | null;
}

export interface ServiceStatusSet {
  kind: "service_status_set";
  service: string;
  region: string;
  phase: "live" | "backfill";
  state: ServiceState;
  /** When it happened, if `--at` gave a time (ISO). */
  asOf?: string | null;
}

export interface RemindersSnoozed {
  kind: "reminders_snoozed";
  until: string;
  minutes: number;
}

export interface UpdatePosted {
  kind: "update_posted";
  /** The update's number in this incident (1, 2, …). */
  number: number;
  /** When the update was given, if `--at` put it earlier than now. */
  asOf: string | null;
  workstream: string | null;
  /** The announcement channel it was mirrored to, if it was. */
  mirroredTo: string | null;
  isPrivate: boolean;
  /** Marked as a key update (`--key`). */
  key?: boolean;
  /** `--public`: on the status page; `publishedNow` when this update made the incident public. */
  public?: { publishedNow: boolean };
}

export interface IncidentPublished {
  kind: "incident_published";
  number: number;
  /** It was public already; nothing changed. */
  already: boolean;
  publishedAt: string;
}

/** ⭐ on a posted update; `already` when it was key before (pressing again changes nothing). */
export interface UpdateMarkedKey {
  kind: "update_marked_key";
  already: boolean;
}

export interface NoteAdded {
  kind: "note_added";
  occurredAt: string;
  tag: "cause" | "lesson" | null;
  /** The note as typed (plain text; escaped wherever it is shown). */
  text: string;
}

export interface ActionItemAdded {
  kind: "action_item_added";
  incidentNumber: number;
  /** How many action items the incident has now. */
  count: number;
  ownerId: string | null;
  text: string;
}

export interface IncidentClosed {
  kind: "incident_closed";
  incidentNumber: number;
}

export interface PostmortemRequested {
  kind: "postmortem_requested";
  incidentNumber: number;
  generatedAt: string;
}

export interface HandoffStarted {
  kind: "handoff_started";
  /** The workstream whose lead is handed over; null for incident command. */
  workstream: string | null;
  toUserId: string;
  /** Who holds the role now (writes the brief), if anyone. */
  holderId: string | null;
  acceptBy: string;
}

export interface BriefPosted {
  kind: "brief_posted";
  toUserId: string;
}

export interface BriefUnchanged {
  kind: "brief_unchanged";
}

export interface HandoffAccepted {
  kind: "handoff_accepted";
  incidentNumber: number;
  role: string;
  workstream: string | null;
  toUserId: string;
  acceptedById: string;
  /** From the shift change (or the request) to the acceptance; negative when early. */
  latencyMs: number;
  atShiftChange: boolean;
}

export interface RotationAttached {
  kind: "rotation_attached";
  rotation: string;
  workstream: string | null;
  /** The person on duty, when there is one, and whether they took the role just now. */
  duty: { userId: string; shift: string; until: string; tookRole: boolean } | null;
  /** Someone else who keeps the role (the shift takes it at the next handoff). */
  keptBy: string | null;
  invited: number;
  /** User groups of the shift left out because the incident is private (not confirmed). */
  groupsLeftOut?: string[];
  next: { at: string; toUserId: string; promptAt: string } | null;
}

/** A private incident asks before a rotation brings people in: who would be added. */
export interface RotationPreview {
  kind: "rotation_preview";
  rotation: string;
  workstream: string | null;
  users: string[];
  groups: string[];
}

/** Every answer a use case gives to the person who asked (rendered by slack/views/replies). */
/** A page sent outside Slack (issue 14). */
export interface PageSent {
  kind: "page_sent";
  incidentNumber: number;
  targetKind: "team" | "person";
  targetId: string;
  /** Names of the pagers it goes to. */
  pagers: string[];
  dedupKey: string;
}

export type ServiceResult =
  | SeverityChanged
  | StatusChanged
  | WorkstreamStatusChanged
  | IncidentReopened
  | RoleAssigned
  | PeopleInvited
  | JoiningIncident
  | WorkstreamAdded
  | MilestoneRecorded
  | ServiceStatusSet
  | RemindersSnoozed
  | UpdatePosted
  | UpdateMarkedKey
  | IncidentPublished
  | NoteAdded
  | ActionItemAdded
  | IncidentClosed
  | PostmortemRequested
  | HandoffStarted
  | BriefPosted
  | BriefUnchanged
  | HandoffAccepted
  | RotationAttached
  | RotationPreview
  | PageSent;
