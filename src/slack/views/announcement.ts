// The announcement in the stakeholder channel: one message per incident, updated in place,
// with a Join button. Never built for private incidents (record-event.ts drops those).
import type { IncidentView } from "../../domain/incident/incident-view.ts";
import { currentHolder } from "../../domain/incident/incident-view.ts";
import { type Severity, severityBadge } from "../../domain/incident/severity.ts";
import { type Status, statusBadge } from "../../domain/incident/status.ts";
import { escapeMrkdwn, mentionChannel, mentionUser } from "../../domain/text/mrkdwn.ts";
import { truncate } from "../../domain/text/truncate.ts";
import { formatUtc } from "../../domain/time/format.ts";
import { ACTIONS } from "../ids.ts";
import { actions, type Block, button, context, fields, messageText, section } from "./blocks.ts";
import { recoveryTally, regionTally } from "./recovery-board.ts";
import { slackDate } from "./slack-date.ts";

/** The update shown in the announcement; the full text is in the thread and the channel. */
const LATEST_UPDATE_MAX = 1200;

export function announcement(view: IncidentView): { text: string; blocks: Block[] } {
  const { incident } = view;
  const commander = currentHolder(view, "commander");
  const channel = incident.channelId ? mentionChannel(incident.channelId) : "_channel being created_";
  const tally = recoveryTally(view.services);
  const byRegion = regionTally(view.services);
  const blocks: Block[] = [
    section(`:rotating_light: *INC-${incident.number}: ${escapeMrkdwn(incident.title)}*`),
    fields([
      `*Severity*\n${severityBadge(incident.severity as Severity)}`,
      `*Status*\n${statusBadge(incident.status as Status)}`,
      `*Commander*\n${commander ? mentionUser(commander) : "_none_"}`,
      `*Channel*\n${channel}`,
    ]),
  ];
  if (incident.summary) blocks.push(section(escapeMrkdwn(incident.summary)));
  // What is back, where: regions first (what stakeholders ask), then rows of the board.
  if (tally)
    blocks.push(
      section(`*Recovery:* ${byRegion}${byRegion !== tally ? `\n_by service and region: ${tally}_` : ""}`),
    );
  const update = view.latestUpdate;
  if (update) {
    // In place, so people outside the channel need not open the thread to see where things are.
    const who = update.actorId ? ` by ${mentionUser(update.actorId)}` : "";
    const where = update.workstream ? ` in \`${escapeMrkdwn(update.workstream)}\`` : "";
    blocks.push(
      section(
        `*Latest update* (${slackDate(update.occurredAt, true)}${who}${where})\n${escapeMrkdwn(truncate(update.text, LATEST_UPDATE_MAX))}`,
      ),
    );
  }
  if (view.workstreams.length) {
    blocks.push(
      context([
        `Workstreams: ${view.workstreams.map((w) => `\`${escapeMrkdwn(w.name)}\` ${w.status}`).join(" · ")}`,
      ]),
    );
  }
  if (incident.status !== "closed") {
    blocks.push(
      actions(`announce:${incident.id}`, [
        button({
          actionId: ACTIONS.joinIncident,
          text: "Join incident channel",
          value: String(incident.id),
          style: "primary",
        }),
      ]),
    );
  }
  blocks.push(context([`Declared ${formatUtc(incident.createdAt, true)} · updated as the incident changes`]));
  const text = messageText(
    `INC-${incident.number}: ${escapeMrkdwn(incident.title)} — SEV${incident.severity}, ${incident.status}`,
  );
  return { text, blocks };
}
