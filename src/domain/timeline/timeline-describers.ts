// How the timeline's own entries read: status updates, notes, pinned messages and reminders.
// Text people typed (or wrote in a pinned message) is always a `typed` part, so every renderer
// escapes it for its surface.
import { formatDuration } from "../time/duration.ts";
import type { EventKind } from "./events.ts";
import type { Phrase } from "./phrase.ts";

type Data = Record<string, unknown>;
const str = (data: Data, key: string) => (typeof data[key] === "string" ? (data[key] as string) : "");
const num = (data: Data, key: string) => (typeof data[key] === "number" ? (data[key] as number) : 0);

const NOTE_LABELS: Record<string, string> = { cause: "Note (cause)", lesson: "Note (lesson)" };

function hhmmUtc(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(11, 16)} UTC`;
}

type TimelineKind = Extract<
  EventKind,
  | "update_posted"
  | "incident_published"
  | "update_marked_key"
  | "note_added"
  | "message_pinned"
  | "message_unpinned"
  | "reminder_sent"
  | "reminder_snoozed"
>;

export const timelineDescribers: Record<TimelineKind, (data: Data, text: string) => Phrase> = {
  update_posted: (d, text) => [
    d.public === true ? "Public status update: " : "Status update: ",
    { typed: str(d, "text") || text },
  ],
  update_marked_key: (d) => ["Marked a status update as key for the postmortem: ", { typed: str(d, "text") }],
  incident_published: (d) => [
    "Published on the status page (title, recovery board and public updates)",
    d.via === "public_update" ? " with its first public update" : "",
  ],
  note_added: (d, text) => [`${NOTE_LABELS[str(d, "tag")] ?? "Note"}: `, { typed: str(d, "text") || text }],
  message_pinned: (d, text) => {
    const author: Phrase = str(d, "authorId")
      ? [{ user: str(d, "authorId") }]
      : [str(d, "botId") ? "an app" : "someone"];
    const where = str(d, "threadTs") ? " (in a thread)" : "";
    return ["Pinned message from ", ...author, `${where}: `, { typed: str(d, "text") || text }];
  },
  message_unpinned: (d, text) => {
    const author: Phrase = str(d, "authorId") ? [" from ", { user: str(d, "authorId") }] : [];
    return ["Unpinned message", ...author, ": ", { typed: str(d, "text") || text }];
  },
  reminder_sent: (d) => [
    "Update reminder sent to ",
    { user: str(d, "toUserId") },
    ` (no status update for ${formatDuration(num(d, "sinceUpdateMs"))}, SEV${num(d, "severity")})`,
  ],
  reminder_snoozed: (d) => [
    `Update reminders snoozed for ${num(d, "minutes")} min, until ${hhmmUtc(str(d, "until"))}`,
  ],
};
