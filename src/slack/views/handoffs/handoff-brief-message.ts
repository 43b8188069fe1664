// The submitted brief, as posted in the channel and sent to the incoming holder. Every field
// is text someone typed: escaped, never a mention. A long brief is split over messages so no
// message passes Slack's block limits; the Accept button is on the last one.

import { BRIEF_FIELDS, BRIEF_LABELS, type HandoffBrief } from "../../../domain/handoff/brief.ts";
import { roleWords } from "../../../domain/handoff/role-words.ts";
import { escapeMrkdwn, mentionChannel, mentionUser } from "../../../domain/text/mrkdwn.ts";
import { truncate } from "../../../domain/text/truncate.ts";
import { ACTIONS } from "../../ids.ts";
import { actions, type Block, button, context, messageText, section } from "../blocks.ts";
import { LIMITS } from "../limits.ts";

export interface BriefMessageModel {
  handoffId: number;
  incidentNumber: number;
  channelId: string | null;
  role: string;
  workstream: string | null;
  fromUserId: string | null;
  toUserId: string;
  brief: HandoffBrief;
  /** A later brief for the same handoff. */
  revision: boolean;
  audience: "channel" | "incoming";
}

/** Room left for the fields in one message (blocks JSON, with headroom for escaping overhead). */
const FIELDS_BUDGET = LIMITS.messageBlocksJson - 2_500;
/** Section text limit, leaving room for the label line. */
const FIELD_TEXT_MAX = LIMITS.sectionText - 100;

function fieldSections(brief: HandoffBrief): Block[] {
  return BRIEF_FIELDS.map((field) => {
    const value = brief[field].trim();
    const body = value ? truncate(escapeMrkdwn(value), FIELD_TEXT_MAX) : "_nothing given_";
    return section(`*${BRIEF_LABELS[field]}*\n${body}`);
  });
}

export function briefMessages(model: BriefMessageModel): { text: string; blocks: Block[] }[] {
  const from = model.fromUserId ? mentionUser(model.fromUserId) : "The outgoing holder";
  const to = mentionUser(model.toUserId);
  const role = roleWords(model.role, model.workstream);
  const where = model.channelId ? ` in ${mentionChannel(model.channelId)}` : "";
  const intro =
    model.audience === "incoming"
      ? `:memo: ${from} is handing you *${role}* of INC-${model.incidentNumber}${where}. Read the brief, then press *Accept command* to take over.`
      : `:memo: *Handoff brief${model.revision ? " (revised)" : ""}* — ${role} of INC-${model.incidentNumber}, ${from} → ${to}`;
  const accountable = model.fromUserId
    ? `Until ${to} accepts, ${from} stays accountable.`
    : `${to} takes over on accepting.`;

  const groups: Block[][] = [[section(intro)]];
  let size = JSON.stringify(groups[0]).length;
  for (const block of fieldSections(model.brief)) {
    const blockSize = JSON.stringify(block).length;
    if (size + blockSize > FIELDS_BUDGET) {
      groups.push([]);
      size = 0;
    }
    (groups.at(-1) as Block[]).push(block);
    size += blockSize;
  }
  const last = groups.at(-1) as Block[];
  last.push(
    context([accountable]),
    actions(`handoff_brief:${model.handoffId}`, [
      button({
        actionId: ACTIONS.acceptHandoff,
        text: "Accept command",
        value: String(model.handoffId),
        style: "primary",
      }),
    ]),
  );
  return groups.map((blocks, i) => ({
    text: messageText(
      `Handoff brief for ${role} of INC-${model.incidentNumber}${groups.length > 1 ? ` (${i + 1}/${groups.length})` : ""}`,
    ),
    blocks,
  }));
}
