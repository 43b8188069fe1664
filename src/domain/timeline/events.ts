// Every change to an incident, as data. Each one is applied to the current state and written
// to the timeline by src/events/record-event.ts, the only code that changes incident state.
import type { DeclaredFacts } from "../incident/incident.ts";
import type { Role } from "../incident/roles.ts";
import type { Severity } from "../incident/severity.ts";
import type { Status } from "../incident/status.ts";
import type { HandoffEvent } from "./handoff-events.ts";
import type { PageEvent } from "./page-events.ts";

/** A user group as invited: its handle (from the mention) and its members then. */
export interface InvitedGroup {
  id: string;
  handle: string | null;
  memberIds: string[] | null;
}

export type IncidentEvent =
  | ({ kind: "incident_declared"; commanderId: string; invitees: string[] } & DeclaredFacts)
  | { kind: "severity_changed"; from: Severity; to: Severity; reason: string }
  | { kind: "status_changed"; from: Status; to: Status; message: string }
  | { kind: "incident_reopened"; from: Status; reason: string }
  | { kind: "title_changed"; from: string; to: string }
  | { kind: "rotation_detached"; rotation: string; workstreamId: number | null; workstream: string | null }
  | { kind: "summary_changed"; from: string; to: string }
  | {
      kind: "role_assigned";
      role: Role;
      userId: string;
      previousUserId: string | null;
      workstreamId: number | null;
      workstream: string | null;
      handoffId: number | null;
    }
  | {
      kind: "people_invited";
      userIds: string[];
      groupIds: string[];
      /** Each group's members when invited (null: Slack could not say), so they are counted. */
      groups?: InvitedGroup[];
      /** Joined the channel by themselves (not through the bot): recorded, nobody to invite. */
      joined?: boolean;
      /** Added by the actor with Slack's own invite: recorded, nobody left to invite. */
      addedInSlack?: boolean;
    }
  | {
      kind: "workstream_added";
      workstreamId: number | null;
      name: string;
      leadId: string | null;
      withChannel: boolean;
      /** The workstream it is under (a region over its workstreams); absent on older entries. */
      parentId?: number | null;
      parent?: string | null;
    }
  | {
      kind: "workstream_status_changed";
      workstreamId: number;
      name: string;
      from: Status;
      to: Status;
      message: string;
    }
  | {
      kind: "service_status_changed";
      service: string;
      region: string;
      phase: "live" | "backfill";
      from: string | null;
      to: string;
      note: string;
    }
  | { kind: "milestone_recorded"; name: string; at: string; previousAt: string | null; note: string }
  // Timeline issue: status updates, notes, pinned messages, update reminders.
  | {
      kind: "update_posted";
      text: string;
      broadcast: boolean;
      /** Marked as a key update (`update --key`): a moment of the postmortem's chronology. */
      key?: boolean;
      /** `update --public`: shown on the public status page (the incident is published with it). */
      public?: boolean;
    }
  /** ⭐ on a posted update: that update (entry `updateEntryId`) becomes key, as with `--key`. */
  | { kind: "update_marked_key"; updateEntryId: number; text: string }
  /** Made public on the status page: its title, board states and public updates, nothing else. */
  | { kind: "incident_published"; via: "command" | "public_update" }
  | { kind: "note_added"; text: string; tag: "cause" | "lesson" | null }
  | {
      kind: "message_pinned";
      channelId: string;
      ts: string;
      authorId: string | null;
      botId: string | null;
      text: string;
      permalink: string | null;
      threadTs: string | null;
    }
  /** The last person pinning a message took the 📌 back: kept as evidence, out of the postmortem. */
  | {
      kind: "message_unpinned";
      channelId: string;
      ts: string;
      /** The message_pinned entry it takes back. */
      pinnedEntryId: number;
      authorId: string | null;
      text: string;
    }
  | { kind: "reminder_sent"; dueAt: string; toUserId: string; severity: number; sinceUpdateMs: number }
  | { kind: "reminder_snoozed"; until: string; minutes: number }
  | HandoffEvent
  | PageEvent
  | { kind: "action_added"; actionId: number; text: string; ownerId: string | null }
  // Managing action items: `number` is the item's place in the incident's list (as the
  // postmortem numbers them), kept so the entry reads the same after later items.
  | { kind: "action_done"; actionId: number; number: number; text: string }
  | {
      kind: "action_reassigned";
      actionId: number;
      number: number;
      text: string;
      from: string | null;
      to: string | null;
    }
  | { kind: "action_edited"; actionId: number; number: number; from: string; to: string }
  | { kind: "incident_closed"; rootCause: string; customerImpact: string; lessons: string };

export type EventKind = IncidentEvent["kind"];
export type EventOf<K extends EventKind> = Extract<IncidentEvent, { kind: K }>;

/** Who did it, when it happened, where it came from. */
export interface EventMeta {
  actorId: string | null;
  /** When it happened (may be earlier than now: `--at`, a pinned message's own time). */
  occurredAt: Date;
  /** When the bot recorded it: the clock's now. */
  recordedAt: Date;
  workstreamId?: number | null;
  /** The name of `workstreamId`, for messages that tag it (not stored: the entry keeps the id). */
  workstream?: string | null;
  source?: { channelId: string; ts: string; permalink?: string };
  /** Free text worth keeping verbatim in the entry (a reason, an update, a note). */
  text?: string;
  tag?: "cause" | "lesson" | null;
  dedupeKey?: string;
  /** The entry the change was recorded as: set by recordEvent for the effects (a button names it). */
  entryId?: number;
}
