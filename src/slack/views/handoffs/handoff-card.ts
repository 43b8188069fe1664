// The handoff message in an incident or workstream channel: who hands what to whom, when,
// and where it stands. Posted once, then updated in place (prompted → briefed → escalated →
// accepted), so a channel with a long outage keeps one message per handoff, not five.
import { roleWords } from "../../../domain/handoff/role-words.ts";
import { isPending } from "../../../domain/handoff/state.ts";
import { escapeMrkdwn, mentionUser } from "../../../domain/text/mrkdwn.ts";
import { formatDuration } from "../../../domain/time/duration.ts";
import { formatUtc } from "../../../domain/time/format.ts";
import { ACTIONS } from "../../ids.ts";
import { actions, type Block, button, context, messageText, section } from "../blocks.ts";

export interface HandoffCardModel {
  id: number;
  role: string;
  state: string;
  rotation: string | null;
  boundaryAt: Date | null;
  promptedAt: Date;
  fromUserId: string | null;
  toUserId: string;
  createdById: string | null;
  briefedAt: Date | null;
  acceptBy: Date | null;
  acceptedAt: Date | null;
  acceptedById: string | null;
  escalations: number;
  incidentNumber: number;
  workstream: string | null;
}

export { roleWords } from "../../../domain/handoff/role-words.ts";

function whenText(card: HandoffCardModel): string {
  if (card.boundaryAt) return ` at the *${formatUtc(card.boundaryAt, true)}* shift change`;
  return card.createdById ? ` (requested by ${mentionUser(card.createdById)})` : "";
}

function stateLines(card: HandoffCardModel): string[] {
  const to = mentionUser(card.toUserId);
  const from = card.fromUserId ? mentionUser(card.fromUserId) : null;
  const role = roleWords(card.role, card.workstream);
  const accountable = from
    ? `Until ${to} accepts, ${from} stays accountable for ${role}.`
    : `Nobody holds ${role} now; ${to} takes it on accepting.`;
  switch (card.state) {
    case "accepted": {
      const reference = card.boundaryAt ?? card.promptedAt;
      const latency = card.acceptedAt ? card.acceptedAt.getTime() - reference.getTime() : 0;
      const timing =
        latency >= 0
          ? `${formatDuration(latency)} after the ${card.boundaryAt ? "shift change" : "request"}`
          : `${formatDuration(-latency)} before the shift change`;
      const by =
        card.acceptedById && card.acceptedById !== card.toUserId
          ? ` (on their behalf by ${mentionUser(card.acceptedById)})`
          : "";
      return [
        `:white_check_mark: ${to} accepted at ${card.acceptedAt ? formatUtc(card.acceptedAt) : "?"}, ${timing}${by}. ${to} now holds ${role}.`,
      ];
    }
    case "superseded":
      return [":fast_forward: Replaced by a newer handoff of the same role (see below)."];
    case "cancelled":
      return [":heavy_minus_sign: No longer needed: the incident is no longer active."];
  }
  const lines: string[] = [];
  if (card.boundaryAt && card.promptedAt > card.boundaryAt) {
    lines.push(
      `:warning: This shift change was not prompted on time (the bot was unavailable); prompting now.`,
    );
  }
  lines.push(
    card.state === "briefed"
      ? `:memo: Brief posted${card.briefedAt ? ` at ${formatUtc(card.briefedAt)}` : ""}. ${to}, read it and press *Accept command*.`
      : `${from ?? "The outgoing holder"}, please press *Write handoff* and brief ${to}. ${to} presses *Accept command* to take over.`,
  );
  if (card.escalations > 0) {
    lines.push(
      `:rotating_light: Not accepted by ${card.acceptBy ? formatUtc(card.acceptBy) : "the deadline"}: escalated ${card.escalations === 1 ? "once" : `${card.escalations} times`}.`,
    );
  }
  lines.push(accountable);
  return lines;
}

export function handoffCard(card: HandoffCardModel): { text: string; blocks: Block[] } {
  const from = card.fromUserId ? mentionUser(card.fromUserId) : "_nobody_";
  const to = mentionUser(card.toUserId);
  const role = roleWords(card.role, card.workstream);
  const rotation = card.rotation ? ` · rotation \`${escapeMrkdwn(card.rotation)}\`` : "";
  const blocks: Block[] = [
    section(
      `:arrows_counterclockwise: *Shift handoff of ${role}* — INC-${card.incidentNumber}\n${from} → ${to}${whenText(card)}`,
    ),
    section(stateLines(card).join("\n")),
  ];
  if (isPending(card.state)) {
    blocks.push(
      actions(`handoff:${card.id}`, [
        button({
          actionId: ACTIONS.writeHandoff,
          text: card.state === "briefed" ? "Revise handoff" : "Write handoff",
          value: String(card.id),
          ...(card.state === "prompted" ? { style: "primary" as const } : {}),
        }),
        button({
          actionId: ACTIONS.acceptHandoff,
          text: "Accept command",
          value: String(card.id),
          ...(card.state === "briefed" ? { style: "primary" as const } : {}),
        }),
      ]),
    );
  }
  const deadline = card.acceptBy && isPending(card.state) ? `Accept by ${formatUtc(card.acceptBy)} · ` : "";
  blocks.push(context([`${deadline}handoff #${card.id}${rotation}`]));
  const text = messageText(`Shift handoff of ${role} (INC-${card.incidentNumber}): ${from} → ${to}`);
  return { text, blocks };
}
