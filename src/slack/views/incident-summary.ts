// The pinned summary message of an incident channel: updated in place on every change.
import type { IncidentView } from "../../domain/incident/incident-view.ts";
import { ROLE_TITLES, type Role } from "../../domain/incident/roles.ts";
import { type Severity, severityBadge, severityLabel } from "../../domain/incident/severity.ts";
import { type Status, statusBadge } from "../../domain/incident/status.ts";
import { inTreeOrder } from "../../domain/incident/workstream-tree.ts";
import { escapeMrkdwn, mentionChannel, mentionUser } from "../../domain/text/mrkdwn.ts";
import { describeIncidentSpan, incidentSpan } from "../../domain/time/duration.ts";
import { formatUtc, spansDays } from "../../domain/time/format.ts";
import { type Block, context, divider, fields, header, messageText, section } from "./blocks.ts";
import { chunkLines } from "./chunk-lines.ts";
import { controlsBlock } from "./controls.ts";

export function incidentTitle(view: IncidentView): string {
  return `INC-${view.incident.number}: ${view.incident.title}`;
}

export function incidentSummary(
  view: IncidentView,
  now: Date,
  links: { boardLink?: string | null; pageLink?: string | null } = {},
): { text: string; blocks: Block[] } {
  const { incident } = view;
  const severity = incident.severity as Severity;
  const status = incident.status as Status;
  const commander = view.roles.find((r) => r.role === "commander");
  const blocks: Block[] = [
    header(incidentTitle(view)),
    fields([
      `*Severity*\n${severityBadge(severity)}`,
      `*Status*\n${statusBadge(status)}`,
      `*Commander*\n${commander ? mentionUser(commander.userId) : "_none_"}`,
      `*Declared*\n${formatUtc(incident.createdAt, true)} (${describeIncidentSpan(incidentSpan({ ...incident, milestones: view.milestones }, now))})`,
    ]),
  ];
  if (incident.summary) blocks.push(section(`*Summary*\n${escapeMrkdwn(incident.summary)}`));
  const otherRoles = view.roles.filter((r) => r.role !== "commander");
  if (otherRoles.length) {
    blocks.push(
      section(
        otherRoles
          .map((r) => `*${ROLE_TITLES[r.role as Role] ?? r.role}:* ${mentionUser(r.userId)}`)
          .join("  ·  "),
      ),
    );
  }
  const regions = Array.isArray(incident.regions) ? (incident.regions as string[]) : [];
  const services = Array.isArray(incident.services) ? (incident.services as string[]) : [];
  if (regions.length || services.length) {
    const parts = [
      regions.length ? `*Regions:* ${regions.map((r) => `\`${escapeMrkdwn(r)}\``).join(", ")}` : "",
      services.length ? `*Services:* ${services.map((s) => `\`${escapeMrkdwn(s)}\``).join(", ")}` : "",
    ].filter(Boolean);
    blocks.push(section(parts.join("\n")));
  }
  if (view.workstreams.length) {
    blocks.push(divider());
    // A region's workstreams are listed under it, indented (domain/incident/workstream-tree.ts).
    const lines = inTreeOrder(view.workstreams).map(({ workstream: w, depth }) => {
      const lead = w.leadId ? mentionUser(w.leadId) : "_no lead_";
      const channel = w.channelId ? ` ${mentionChannel(w.channelId)}` : "";
      const bullet = depth ? "\u2003◦" : "•";
      return `${bullet} \`${escapeMrkdwn(w.name)}\` ${statusBadge(w.status as Status)} — ${lead}${channel}`;
    });
    for (const chunk of chunkLines(lines, `*Workstreams (${view.workstreams.length})*`, 2))
      blocks.push(section(chunk));
  }
  // On an incident that spans days a bare "09:25" after "17:45" reads as time running backwards.
  const times = view.milestones.map((m) => m.occurredAt.getTime());
  const latest = new Date(Math.max((incident.closedAt ?? now).getTime(), ...times));
  const earliest = new Date(Math.min(incident.createdAt.getTime(), ...times));
  const withDates = spansDays(earliest, latest);
  if (view.incident.boardTs) {
    const rows = view.services.length;
    const label = "Recovery by service and region";
    const board = links.boardLink ? `<${links.boardLink}|${label}>` : label;
    blocks.push(
      context([
        `:pushpin: ${board} (${rows} row${rows === 1 ? "" : "s"}): pinned in this channel, kept current`,
      ]),
    );
  }
  // The incident's web page (Sign in with Slack): for people who follow it outside Slack.
  if (links.pageLink)
    blocks.push(context([`:globe_with_meridians: <${links.pageLink}|Incident page> (sign in with Slack)`]));
  // Whoever writes the next update should know the world may read it.
  if (incident.publishedAt && !incident.isPrivate)
    blocks.push(
      context([
        `:globe_with_meridians: On the public status page since ${formatUtc(incident.publishedAt, withDates)}: its title, the recovery board and \`update --public\` updates (never notes or names)`,
      ]),
    );
  const moments = view.milestones.map((m) => `${m.name} ${formatUtc(m.occurredAt, withDates)}`);
  blocks.push(
    context([
      `${moments.join(" · ") || "No milestones yet"}  |  Peak ${severityLabel(incident.peakSeverity as Severity)}  |  \`/incident help\``,
    ]),
  );
  // The controls, while there is something left to change (notes and action items after
  // closing are typed, or come from the menu).
  if (status !== "closed") blocks.push(controlsBlock({ incidentId: incident.id, workstreamId: null }));
  const text = messageText(
    `INC-${incident.number} ${escapeMrkdwn(incident.title)} — SEV${severity}, ${status}${commander ? `, commander ${mentionUser(commander.userId)}` : ""}`,
  );
  return { text, blocks };
}
