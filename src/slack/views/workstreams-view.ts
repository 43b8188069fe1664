// `/incident workstreams`: each workstream with its status, lead and channel.
import { type Status, statusBadge } from "../../domain/incident/status.ts";
import { inTreeOrder } from "../../domain/incident/workstream-tree.ts";
import { escapeMrkdwn, mentionChannel, mentionUser } from "../../domain/text/mrkdwn.ts";
import type { WorkstreamWithLead } from "../../services/incident-overviews.ts";
import { type Block, context, header, section } from "./blocks.ts";
import { chunkLines } from "./chunk-lines.ts";

export function workstreamsView(
  incidentNumber: number,
  workstreams: WorkstreamWithLead[],
): { text: string; blocks?: Block[] } {
  if (!workstreams.length) {
    return {
      text: "No workstreams yet. Add one with `/incident workstream add <name> [--lead @user] [--channel]`.",
    };
  }
  // A region's workstreams are listed under it, indented.
  const lines = inTreeOrder(workstreams).map(
    ({ workstream: w, depth }) =>
      `${depth ? "\u2003◦" : "•"} \`${escapeMrkdwn(w.name)}\` ${statusBadge(w.status as Status)} — ${w.leadId ? mentionUser(w.leadId) : "_no lead_"}${w.channelId ? ` ${mentionChannel(w.channelId)}` : ""}`,
  );
  return {
    text: `${workstreams.length} workstreams`,
    blocks: [
      header(`Workstreams · INC-${incidentNumber}`),
      ...chunkLines(lines, "", 4).map((c) => section(c)),
      context([
        "`/incident workstream <name> lead @user` · `/incident workstream <name> status <status>` · `/incident workstream add <name> --parent <region>`",
      ]),
    ],
  };
}
