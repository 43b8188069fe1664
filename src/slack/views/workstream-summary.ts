// The pinned summary of a workstream channel (a region or area of one incident).
import type { IncidentView, WorkstreamView } from "../../domain/incident/incident-view.ts";
import { type Severity, severityBadge } from "../../domain/incident/severity.ts";
import { type Status, statusBadge } from "../../domain/incident/status.ts";
import { childrenOf } from "../../domain/incident/workstream-tree.ts";
import { escapeMrkdwn, mentionChannel, mentionUser } from "../../domain/text/mrkdwn.ts";
import { type Block, context, fields, header, messageText, section } from "./blocks.ts";
import { chunkLines } from "./chunk-lines.ts";
import { controlsBlock } from "./controls.ts";
import { boardRows } from "./recovery-board.ts";

export function workstreamSummary(
  view: IncidentView,
  workstream: WorkstreamView,
): { text: string; blocks: Block[] } {
  const { incident } = view;
  const parent = incident.channelId ? mentionChannel(incident.channelId) : `INC-${incident.number}`;
  const blocks: Block[] = [
    header(`INC-${incident.number} · workstream ${workstream.name}`),
    fields([
      `*Lead*\n${workstream.leadId ? mentionUser(workstream.leadId) : "_none_"}`,
      `*Status*\n${statusBadge(workstream.status as Status)}`,
      `*Incident*\n${parent}`,
      `*Severity*\n${severityBadge(incident.severity as Severity)}`,
    ]),
  ];
  // A region's summary rolls up the workstreams under it: their status and leads, and their
  // rows of the recovery board with its own.
  const children = childrenOf(view.workstreams, workstream.id);
  const parentWorkstream = view.workstreams.find((w) => w.id === workstream.parentId);
  if (parentWorkstream) {
    const where = parentWorkstream.channelId ? ` ${mentionChannel(parentWorkstream.channelId)}` : "";
    blocks.push(
      context([
        `Part of \`${escapeMrkdwn(parentWorkstream.name)}\`${where} (lead ${parentWorkstream.leadId ? mentionUser(parentWorkstream.leadId) : "_none_"})`,
      ]),
    );
  }
  if (children.length) {
    const lines = children.map((c) => {
      const lead = c.leadId ? mentionUser(c.leadId) : "_no lead_";
      const channel = c.channelId ? ` ${mentionChannel(c.channelId)}` : "";
      return `• \`${escapeMrkdwn(c.name)}\` ${statusBadge(c.status as Status)} — ${lead}${channel}`;
    });
    for (const chunk of chunkLines(
      lines,
      `*Workstreams under ${escapeMrkdwn(workstream.name)} (${children.length})*`,
      2,
    ))
      blocks.push(section(chunk));
  }
  const covered = [workstream, ...children];
  const rows = boardRows(view.services).filter((r) =>
    covered.some((w) => r.region === w.name || r.live?.workstreamId === w.id),
  );
  if (rows.length) {
    blocks.push(
      section(
        rows
          .slice(0, 30)
          .map(
            (r) =>
              `• *${escapeMrkdwn(r.service)}* live: ${r.live?.state ?? "—"} · backfill: ${r.backfill?.state ?? "—"}`,
          )
          .join("\n"),
      ),
    );
  }
  blocks.push(
    context(["Commands typed here act on this workstream and are recorded in the incident's timeline."]),
  );
  if (incident.status !== "closed")
    blocks.push(controlsBlock({ incidentId: incident.id, workstreamId: workstream.id }));
  return {
    text: messageText(
      `INC-${incident.number} workstream ${escapeMrkdwn(workstream.name)}: ${workstream.status}`,
    ),
    blocks,
  };
}
