// The "no status update for a while" reminder: addressed to whoever holds comms (else the
// commander) in the incident channel, with a button that opens the update form and snoozes.
import { type Severity, severityLabel } from "../../domain/incident/severity.ts";
import { mentionUser } from "../../domain/text/mrkdwn.ts";
import { formatDuration } from "../../domain/time/duration.ts";
import { formatUtc } from "../../domain/time/format.ts";
import { ACTIONS } from "../ids.ts";
import { actions, type Block, button, context, messageText, section } from "./blocks.ts";

export const SNOOZE_MINUTES = [15, 30, 60] as const;
export type SnoozeMinutes = (typeof SNOOZE_MINUTES)[number];

/** Each snooze button needs its own action_id (they share one actions block). */
export const snoozeActionId = (minutes: SnoozeMinutes) => `${ACTIONS.snoozeReminder}.${minutes}`;

export interface ReminderInput {
  incidentId: number;
  toUserId: string;
  severity: number;
  sinceUpdateMs: number;
  /** True when no update was ever posted (the clock runs from the declaration). */
  neverUpdated: boolean;
  dueAt: Date;
}

export function updateReminder(input: ReminderInput): { text: string; blocks: Block[] } {
  const since = formatDuration(input.sinceUpdateMs);
  const what = input.neverUpdated
    ? `no status update since the incident was declared *${since}* ago`
    : `no status update for *${since}*`;
  const line = `:bell: ${mentionUser(input.toUserId)}, ${what} (${severityLabel(input.severity as Severity)}). Stakeholders are waiting: post an update with the button or \`/incident update <text>\`.`;
  const value = String(input.incidentId);
  return {
    text: messageText(`Reminder: ${what.replace(/\*/g, "")}. Post a status update.`),
    blocks: [
      section(line),
      actions(`reminder:${input.incidentId}:${input.dueAt.toISOString()}`, [
        button({ actionId: ACTIONS.postUpdate, text: "Post update", value, style: "primary" }),
        ...SNOOZE_MINUTES.map((minutes) =>
          button({ actionId: snoozeActionId(minutes), text: `Snooze ${minutes} min`, value }),
        ),
      ]),
      context([`Due ${formatUtc(input.dueAt, true)} · anyone in this channel can post the update or snooze`]),
    ],
  };
}

/** The snooze, acknowledged in the reminder's thread. */
export function remindersSnoozed(model: { actorId: string | null; minutes: number; until: Date }): {
  text: string;
  blocks: Block[];
} {
  const by = model.actorId ? `${mentionUser(model.actorId)} snoozed` : "Snoozed";
  const text = messageText(
    `:zzz: ${by} update reminders for ${model.minutes} min, until ${formatUtc(model.until)}.`,
  );
  return { text, blocks: [section(text)] };
}
