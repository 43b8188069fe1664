// Answers to the timeline verbs and buttons: updates, notes, snoozed reminders.
import { escapeMrkdwn, mentionChannel } from "../../../domain/text/mrkdwn.ts";
import { truncate } from "../../../domain/text/truncate.ts";
import { formatUtc } from "../../../domain/time/format.ts";
import type {
  IncidentPublished,
  NoteAdded,
  RemindersSnoozed,
  UpdateMarkedKey,
  UpdatePosted,
} from "../../../services/results.ts";
import { utcAndYours } from "../slack-date.ts";
import type { Reply } from "./reply.ts";

export function updatePostedReply(r: UpdatePosted): Reply {
  const asOf = r.asOf ? ` as of ${utcAndYours(new Date(r.asOf), true)}` : "";
  const where = r.workstream ? ` for \`${r.workstream}\`` : "";
  const mirrored = r.mirroredTo ? ` and mirrored to ${mentionChannel(r.mirroredTo)}` : "";
  const privateNote = r.isPrivate ? " (private incident: not mirrored to the announcement channel)" : "";
  const key = r.key ? " :star: Marked as a key update for the postmortem's chronology." : "";
  const pub = r.public
    ? r.public.publishedNow
      ? " :globe_with_meridians: Public: shown on the status page (`/status`), which now lists this incident by its title."
      : " :globe_with_meridians: Public: shown on the status page (`/status`)."
    : "";
  return {
    text: `:white_check_mark: Status update #${r.number}${asOf} posted${where}${mirrored}${privateNote}. The update reminder starts over.${key}${pub}`,
  };
}

export function incidentPublishedReply(r: IncidentPublished): Reply {
  if (r.already)
    return {
      text: `:globe_with_meridians: INC-${r.number} is already on the status page (since ${formatUtc(new Date(r.publishedAt))}).`,
    };
  return {
    text: `:globe_with_meridians: INC-${r.number} is now on the public status page (\`/status\`): its title, its recovery board's states and updates posted with \`/incident update --public\`. Internal updates, notes and names never appear there.`,
  };
}

export function updateMarkedKeyReply(r: UpdateMarkedKey): Reply {
  return {
    text: r.already
      ? ":star: That update was already marked as key; nothing changed."
      : ":star: Marked as a key update: it is a moment of the postmortem's chronology.",
  };
}

export function noteAddedReply(r: NoteAdded): Reply {
  const tagged = r.tag ? ` (tagged *${r.tag}* for the postmortem)` : "";
  return {
    text: `:memo: Noted in the timeline at ${utcAndYours(new Date(r.occurredAt), true)}${tagged}, visible to responders only: ${escapeMrkdwn(truncate(r.text, 500))}`,
  };
}

export const remindersSnoozedReply = (r: RemindersSnoozed): Reply => ({
  text: `:zzz: Update reminders snoozed until ${formatUtc(new Date(r.until))} (${r.minutes} min). Posting an update also starts the reminder over.`,
});
