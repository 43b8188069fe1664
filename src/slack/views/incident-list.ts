// `/incident list` and the App Home list: open incidents, worst first.

import { type Severity, severityBadge } from "../../domain/incident/severity.ts";
import { escapeMrkdwn, mentionChannel, mentionUser } from "../../domain/text/mrkdwn.ts";
import { formatDuration } from "../../domain/time/duration.ts";
import type { ListedIncident } from "../../services/incident-overviews.ts";
import { type Block, context, header, section } from "./blocks.ts";
import { chunkLines } from "./chunk-lines.ts";

export function incidentLine(item: ListedIncident, now: Date): string {
  const { incident } = item;
  const channel = incident.channelId ? mentionChannel(incident.channelId) : `#${incident.channelName ?? "…"}`;
  const commander = item.commanderId ? mentionUser(item.commanderId) : "no commander";
  const age = formatDuration(now.getTime() - incident.createdAt.getTime());
  const lock = incident.isPrivate ? " :lock:" : "";
  return `${severityBadge(incident.severity as Severity)} *INC-${incident.number}* ${escapeMrkdwn(incident.title)}${lock}\n      ${incident.status} · ${commander} · ${age} · ${channel}`;
}

export function incidentList(items: ListedIncident[], now: Date): { text: string; blocks: Block[] } {
  if (!items.length) {
    return {
      text: "No open incidents.",
      blocks: [section(":white_check_mark: No open incidents you can see.")],
    };
  }
  const lines = items.map((item) => incidentLine(item, now));
  return {
    text: `${items.length} open incident${items.length > 1 ? "s" : ""}`,
    blocks: [
      header(`Open incidents (${items.length})`),
      ...chunkLines(lines, "", 3).map((chunk) => section(chunk)),
      context(["Private incidents are listed only to members of their channel."]),
    ],
  };
}
