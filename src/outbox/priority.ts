// Which outbox work goes first when several lanes are due at once: what people in the
// incident act on (the update posted in its channel, the pinned summary and board, the
// topic, answers to the person who asked) before bulk work (announcement mirrors,
// workstream mirrors, invites of many people, DMs). Order within a lane never changes; this
// only orders lanes, and tells the pacer which calls may take a rate-limit bucket's last
// token (src/slack/pacing/pacer.ts).
import type { Intent } from "./intents.ts";

export const URGENT = 0;
export const NORMAL = 1;
export const BULK = 2;
export type Priority = typeof URGENT | typeof NORMAL | typeof BULK;

/** The priority class of an intent (an unreadable payload counts as normal). */
export function priorityOf(intent: Intent): Priority {
  switch (intent.kind) {
    case "summary.refresh":
    case "board.refresh":
    case "channel.topic":
    case "channel.create":
    case "incident.ready":
    case "respond":
    case "ephemeral.post":
    case "handoff.card":
    case "pages.refresh":
      return URGENT;
    case "message.post":
      // In the incident's own channel, or typed in a workstream's channel (its lead's update
      // there): the line the people in that channel act on. The copy of an incident-wide line
      // in a workstream channel (`ownChannelOnly`) is a mirror; to a person, one of possibly
      // many DMs. Until 2026-12-07 every workstream post counted as a mirror, and a regional
      // lead's update waited behind the announcement's edit and mirror (section 7 of the bench).
      if ("incidentId" in intent.target) return URGENT;
      if ("workstreamId" in intent.target) return intent.ownChannelOnly ? BULK : URGENT;
      if ("userId" in intent.target) return BULK;
      return NORMAL;
    case "announcement.refresh":
    case "announcement.reply":
    case "workstreams.refresh":
    case "channel.invite":
      return BULK;
    default:
      return NORMAL;
  }
}

/** priorityOf for a stored payload that may come from another version. */
export function storedPriority(payload: unknown): Priority {
  const kind = (payload as { kind?: unknown } | null)?.kind;
  if (typeof kind !== "string") return NORMAL;
  if (kind === "message.post" && typeof (payload as { target?: unknown }).target !== "object") return NORMAL;
  return priorityOf(payload as Intent);
}
