// A timeline event as one line in the incident's (or workstream's) channel, signed by who did it.
import { mentionUser } from "../../domain/text/mrkdwn.ts";
import { describeEntry } from "../../domain/timeline/describe.ts";
import type { IncidentEvent } from "../../domain/timeline/events.ts";
import { phraseToMrkdwn } from "../../domain/timeline/render-phrase.ts";
import { type Block, messageText, section } from "./blocks.ts";
import { slackDate } from "./slack-date.ts";

export interface EventLineModel {
  event: IncidentEvent;
  /** The free text recorded with the event (a reason, a note). */
  text: string;
  actorId: string | null;
  /** When it happened, for a change given an earlier time (`--at`). */
  asOf?: string;
}

export function eventLine(model: EventLineModel): { text: string; blocks: Block[] } {
  const line = phraseToMrkdwn(describeEntry({ kind: model.event.kind, data: model.event, text: model.text }));
  const by = model.actorId ? ` — ${mentionUser(model.actorId)}` : "";
  // A date token: each reader sees their own zone, UTC in the fallback.
  const asOf = model.asOf ? ` _(as of ${slackDate(new Date(model.asOf), true)})_` : "";
  const text = messageText(`${line}${asOf}${by}`);
  return { text, blocks: [section(text)] };
}
