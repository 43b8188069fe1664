// The pinned summary of a workstream channel (a region or area of one incident).
import type { IncidentView, WorkstreamView } from "../../domain/incident/incident-view.ts";
import { type Severity, severityBadge } from "../../domain/incident/severity.ts";
import { type Status, statusBadge } from "../../domain/incident/status.ts";
import { escapeMrkdwn, mentionChannel, mentionUser } from "../../domain/text/mrkdwn.ts";
import { type Block, context, fields, header, messageText, section } from "./blocks.ts";
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
  const rows = boardRows(view.services).filter(
    (r) => r.region === workstream.name || r.live?.workstreamId === workstream.id,
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
