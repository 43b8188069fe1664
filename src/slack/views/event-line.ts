// A timeline event as one line in the incident's (or workstream's) channel, signed by who did it.
import { mentionUser } from "../../domain/text/mrkdwn.ts";
import { describeEntry } from "../../domain/timeline/describe.ts";
import type { IncidentEvent } from "../../domain/timeline/events.ts";
import { phraseToMrkdwn } from "../../domain/timeline/render-phrase.ts";
import { type Block, messageText, section } from "./blocks.ts";

export interface EventLineModel {
  event: IncidentEvent;
  /** The free text recorded with the event (a reason, a note). */
  text: string;
  actorId: string | null;
}

export function eventLine(model: EventLineModel): { text: string; blocks: Block[] } {
  const line = phraseToMrkdwn(describeEntry({ kind: model.event.kind, data: model.event, text: model.text }));
  const by = model.actorId ? ` — ${mentionUser(model.actorId)}` : "";
  const text = messageText(`${line}${by}`);
  return { text, blocks: [section(text)] };
}
