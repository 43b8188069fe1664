// What someone who just joined an incident (or workstream) channel sees, only them: where the
// incident stands, who leads it, the latest status update, and how to find the rest.
import type { IncidentView } from "../../domain/incident/incident-view.ts";
import { currentHolder } from "../../domain/incident/incident-view.ts";
import { type Severity, severityBadge } from "../../domain/incident/severity.ts";
import { type Status, statusBadge } from "../../domain/incident/status.ts";
import { escapeMrkdwn, mentionUser } from "../../domain/text/mrkdwn.ts";
import { formatUtc } from "../../domain/time/format.ts";
import { type Block, context, messageText, section } from "./blocks.ts";
import { recoveryTally } from "./recovery-board.ts";

export interface LatestUpdate {
  text: string;
  occurredAt: Date;
}

export function welcome(view: IncidentView, workstream: string | null, latest: LatestUpdate | null) {
  const { incident } = view;
  const commander = currentHolder(view, "commander");
  const where = workstream ? ` (workstream \`${escapeMrkdwn(workstream)}\`)` : "";
  const lines = [
    `:wave: Welcome to *INC-${incident.number}: ${escapeMrkdwn(incident.title)}*${where}.`,
    `${severityBadge(incident.severity as Severity)} · ${statusBadge(incident.status as Status)} · commander ${commander ? mentionUser(commander) : "_none_"}`,
  ];
  const tally = recoveryTally(view.services);
  if (tally) lines.push(`*Recovery:* ${tally}`);
  const blocks: Block[] = [section(lines.join("\n"))];
  if (latest) {
    blocks.push(
      section(`*Latest update* (${formatUtc(latest.occurredAt, true)}):\n${escapeMrkdwn(latest.text)}`),
    );
  }
  blocks.push(
    context([
      "The pinned message has the summary. `/incident timeline` shows what happened so far, `/incident roles` who does what, `/incident help` everything else.",
    ]),
  );
  return { text: messageText(`INC-${incident.number}: ${escapeMrkdwn(incident.title)}`), blocks };
}
