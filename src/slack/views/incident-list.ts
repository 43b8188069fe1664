// `/incident list` and the App Home list: open incidents, worst first.

import { type Severity, severityBadge } from "../../domain/incident/severity.ts";
import { escapeMrkdwn, mentionChannel, mentionUser } from "../../domain/text/mrkdwn.ts";
import { formatDuration } from "../../domain/time/duration.ts";
import type { IncidentListPage, ListedIncident } from "../../services/incident-overviews.ts";
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

/** Said whenever private incidents were left out because Slack could not answer. */
export function uncheckedNote(unchecked: number): string | null {
  if (!unchecked) return null;
  const them = unchecked === 1 ? "1 private incident" : `${unchecked} private incidents`;
  return `:warning: Slack did not answer when I checked whether you are in ${them}, so ${unchecked === 1 ? "it is" : "they are"} not listed. Try again in a moment.`;
}

export function incidentList(list: IncidentListPage, now: Date): { text: string; blocks: Block[] } {
  const note = uncheckedNote(list.unchecked);
  if (!list.items.length) {
    return {
      text: note ? "No open incidents to list." : "No open incidents.",
      blocks: [
        section(":white_check_mark: No open incidents you can see."),
        ...(note ? [context([note])] : []),
      ],
    };
  }
  const lines = list.items.map((item) => incidentLine(item, now));
  const footer = [
    ...(list.pages > 1
      ? [
          `Page ${list.page} of ${list.pages}${list.page < list.pages ? ` · \`/incident list --page ${list.page + 1}\` for the next` : ""}.`,
        ]
      : []),
    "Private incidents are listed only to members of their channel.",
  ];
  return {
    text: `${list.total} open incident${list.total > 1 ? "s" : ""}`,
    blocks: [
      header(`Open incidents (${list.total})`),
      ...chunkLines(lines, "", 5).map((chunk) => section(chunk)),
      ...(note ? [context([note])] : []),
      context([footer.join(" ")]),
    ],
  };
}
