// An escalation to SEV1/SEV2 as announced where stakeholders watch, paging leadership.
import { type Severity, severityLabel } from "../../domain/incident/severity.ts";
import { escapeMrkdwn, mentionChannel, mentionGroup, mentionUser } from "../../domain/text/mrkdwn.ts";
import { type Block, messageText, section } from "./blocks.ts";

export interface SeverityEscalatedModel {
  incidentNumber: number;
  to: number;
  /** Plain text as the person typed it (escaped here). */
  reason: string;
  actorId: string | null;
  channelId: string | null;
  leadershipGroup: string | null;
}

export function severityEscalated(model: SeverityEscalatedModel): { text: string; blocks: Block[] } {
  const who = model.actorId ? ` by ${mentionUser(model.actorId)}` : "";
  const group = model.leadershipGroup ? `${mentionGroup(model.leadershipGroup)} ` : "";
  const where = model.channelId ? ` — ${mentionChannel(model.channelId)}` : "";
  const text = messageText(
    `${group}:rotating_light: *INC-${model.incidentNumber}* escalated to *${severityLabel(model.to as Severity)}*${who}: ${escapeMrkdwn(model.reason)}${where}`,
  );
  return { text, blocks: [section(text)] };
}
