// The App Home tab: the open incidents this person can see, their own roles, a declare button.

import { ROLE_TITLES, type Role } from "../../domain/incident/roles.ts";
import { escapeMrkdwn, mentionChannel } from "../../domain/text/mrkdwn.ts";
import { formatUtc } from "../../domain/time/format.ts";
import type { HomeModel } from "../../services/home.ts";
import { ACTIONS } from "../ids.ts";
import { actions, type Block, button, context, divider, type Home, header, section } from "./blocks.ts";
import { chunkLines } from "./chunk-lines.ts";
import { incidentLine, uncheckedNote } from "./incident-list.ts";

export function appHome(model: HomeModel): Home {
  const blocks: Block[] = [
    header("Incidents"),
    actions("home_actions", [
      button({ actionId: ACTIONS.declareFromHome, text: "Declare an incident", style: "danger" }),
    ]),
    divider(),
  ];
  if (model.myRoles.length) {
    const lines = model.myRoles.map(({ assignment, incident, workstream }) => {
      const where = incident.channelId ? mentionChannel(incident.channelId) : `INC-${incident.number}`;
      const title = ROLE_TITLES[assignment.role as Role] ?? assignment.role;
      return `• *${title}*${workstream ? ` of \`${escapeMrkdwn(workstream)}\`` : ""} in ${where} since ${formatUtc(assignment.startedAt, true)}`;
    });
    blocks.push(...chunkLines(lines, "*Your roles*", 2).map((c) => section(c)));
  }
  if (model.rolesUnchecked) {
    const roles = model.rolesUnchecked === 1 ? "1 role" : `${model.rolesUnchecked} roles`;
    blocks.push(
      context([
        `:warning: You hold ${roles} in private incidents that Slack could not confirm you are in just now, so ${model.rolesUnchecked === 1 ? "it is" : "they are"} not shown. Reopen this tab in a moment.`,
      ]),
    );
  }
  if (model.myRoles.length || model.rolesUnchecked) blocks.push(divider());
  if (!model.incidents.length) blocks.push(section(":white_check_mark: No open incidents you can see."));
  else {
    const lines = model.incidents.map((item) => incidentLine(item, model.now));
    blocks.push(
      ...chunkLines(lines, `*Open incidents (${model.incidents.length})*`, 20).map((c) => section(c)),
    );
  }
  const note = uncheckedNote(model.unchecked);
  if (note) blocks.push(context([note]));
  blocks.push(
    context([
      "`/incident help` lists every command. Private incidents appear only to members of their channel.",
    ]),
  );
  return { type: "home", blocks: blocks.slice(0, 100) };
}
