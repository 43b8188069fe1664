// A status update as people read it: in the incident (or workstream) channel, and as a reply
// in the thread of the incident's announcement for stakeholders.
import { type Severity, severityBadge } from "../../domain/incident/severity.ts";
import { type Status, statusBadge } from "../../domain/incident/status.ts";
import { escapeMrkdwn, mentionChannel, mentionUser } from "../../domain/text/mrkdwn.ts";
import { CONTROL_ACTIONS } from "../ids.ts";
import { actions, type Block, button, context, messageText, section } from "./blocks.ts";
import { slackDate } from "./slack-date.ts";
import { textSections } from "./text-sections.ts";

export interface StatusUpdateInput {
  incidentNumber: number;
  severity: number;
  status: string;
  /** Plain text as the person meant it (escaped here). */
  text: string;
  actorId: string | null;
  occurredAt: Date;
  recordedAt: Date;
  workstream: string | null;
  /** The incident channel, linked from the announcement thread. */
  channelId: string | null;
  /** Set in the channel: the ⭐ Mark as key button names the update by them. */
  incidentId?: number;
  entryId?: number;
}

const OVERFLOW = "_…the full update is in `/incident timeline`._";

function when(input: StatusUpdateInput): string {
  const backdated = input.recordedAt.getTime() - input.occurredAt.getTime() > 60_000;
  return backdated
    ? `As of ${slackDate(input.occurredAt, true)} (recorded ${slackDate(input.recordedAt, true)})`
    : slackDate(input.occurredAt, true);
}

function headline(input: StatusUpdateInput, prefix: string): string {
  const tag = input.workstream ? ` · \`${escapeMrkdwn(input.workstream)}\`` : "";
  const by = input.actorId ? ` — ${mentionUser(input.actorId)}` : "";
  return `${prefix} · ${severityBadge(input.severity as Severity)} · ${statusBadge(input.status as Status)}${tag}${by}`;
}

export function statusUpdatePost(input: StatusUpdateInput): { text: string; blocks: Block[] } {
  const body = escapeMrkdwn(input.text);
  const blocks: Block[] = [
    section(headline(input, ":mega: *Status update*")),
    ...textSections(body, 8000, OVERFLOW),
    context([when(input)]),
  ];
  if (input.incidentId && input.entryId)
    blocks.push(
      actions(undefined, [
        button({
          actionId: CONTROL_ACTIONS.markKey,
          text: ":star: Mark as key",
          value: `${input.incidentId}:${input.entryId}`,
        }),
      ]),
    );
  return { text: messageText(`Status update: ${body}`), blocks };
}

export function statusUpdateMirror(input: StatusUpdateInput): { text: string; blocks: Block[] } {
  const body = escapeMrkdwn(input.text);
  const where = input.channelId ? ` in ${mentionChannel(input.channelId)}` : "";
  const blocks: Block[] = [
    section(headline(input, `:mega: *INC-${input.incidentNumber} update*`)),
    ...textSections(body, 8000, OVERFLOW),
    context([`${when(input)}${where}`]),
  ];
  return { text: messageText(`INC-${input.incidentNumber} update: ${body}`), blocks };
}
