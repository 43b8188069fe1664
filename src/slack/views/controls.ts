// The controls of an incident (or of one workstream): one `actions` block of buttons, with
// the less common forms in an overflow menu. On the pinned summaries and in the `/incident`
// menu. Every element's value says what it acts on; whoever clicks is checked when they do.

import type { ActionsBlock } from "@slack/types";
import { escapeMrkdwn } from "../../domain/text/mrkdwn.ts";
import { CONTROL_ACTIONS } from "../ids.ts";
import { actions, type Block, button, context, messageText, option, section } from "./blocks.ts";

export interface ControlTarget {
  incidentId: number;
  workstreamId: number | null;
}

/** A control's value: "<incident id>:<workstream id or 0>". */
export const controlValue = (target: ControlTarget): string =>
  `${target.incidentId}:${target.workstreamId ?? 0}`;

/** The overflow's options carry which form too: "<form>|<incident>:<workstream>". */
export type OverflowForm = "note" | "milestone" | "details" | "action_items" | "page";

export const overflowValue = (form: OverflowForm, target: ControlTarget): string =>
  `${form}|${controlValue(target)}`;

export function controlsBlock(target: ControlTarget): ActionsBlock {
  const value = controlValue(target);
  const workstream = target.workstreamId !== null;
  return actions(`controls:${value}`, [
    button({ actionId: CONTROL_ACTIONS.postUpdate, text: ":mega: Post update", value, style: "primary" }),
    button({ actionId: CONTROL_ACTIONS.severity, text: "Severity", value }),
    button({ actionId: CONTROL_ACTIONS.status, text: "Status", value }),
    button({ actionId: CONTROL_ACTIONS.roles, text: workstream ? "Lead & roles" : "Roles", value }),
    // Labelled by what it records; "Recovery board" names the pinned board message itself.
    button({ actionId: CONTROL_ACTIONS.recoveryBoard, text: "Service state", value }),
    button({ actionId: CONTROL_ACTIONS.handOver, text: "Hand over", value }),
    button({ actionId: CONTROL_ACTIONS.actionItem, text: "Action item", value }),
    {
      type: "overflow",
      action_id: CONTROL_ACTIONS.more,
      options: [
        option("Add a note", overflowValue("note", target)),
        option("Record a milestone", overflowValue("milestone", target)),
        option("Action items: list, done", overflowValue("action_items", target)),
        option("Page someone", overflowValue("page", target)),
        // Slack's overflow menu holds at most five options.
        option("Edit title & summary", overflowValue("details", target)),
      ],
    },
  ]);
}

/** Outside an incident: declare one, or see the open ones. */
export function outsideMenu(): { text: string; blocks: Block[] } {
  return {
    text: "Declare an incident, or see the open ones.",
    blocks: [
      section("*Incidents* — this channel is not an incident's."),
      actions("menu", [
        button({
          actionId: CONTROL_ACTIONS.declare,
          text: ":rotating_light: Declare an incident",
          style: "danger",
        }),
        button({ actionId: CONTROL_ACTIONS.list, text: "Open incidents" }),
      ]),
      context(["Typed commands work too: `/incident help` lists them."]),
    ],
  };
}

/** Inside an incident or workstream channel: the same controls as its pinned summary. */
export function insideMenu(
  target: ControlTarget,
  scope: { incidentNumber: number; title: string; workstream: string | null },
): { text: string; blocks: Block[] } {
  const where = `INC-${scope.incidentNumber}: ${escapeMrkdwn(scope.title)}${scope.workstream ? ` · workstream \`${escapeMrkdwn(scope.workstream)}\`` : ""}`;
  return {
    text: messageText(`Controls of ${where}`),
    blocks: [
      section(`*${where}* — what do you want to do?`),
      controlsBlock(target),
      context(["Typed commands work too: `/incident help` lists them."]),
    ],
  };
}
