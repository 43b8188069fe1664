// The *Page someone* form: a person (picked from Slack) or a pager team, and why.
import { PAGE_REASON_MAX } from "../../domain/command/verbs/page.ts";
import { PAGE_INPUTS, VIEWS } from "../ids.ts";
import { option, plain } from "./blocks.ts";
import { LIMITS } from "./limits.ts";

export interface PageModalMetadata {
  incidentId: number;
}

const MAX_TEAMS = 100;

export function pageModal(
  metadata: PageModalMetadata,
  incident: { number: number; title: string },
  teams: string[],
) {
  const teamBlock = teams.length
    ? [
        {
          type: "input",
          block_id: PAGE_INPUTS.team.block,
          optional: true,
          label: plain("…or a team", 2000),
          element: {
            type: "static_select",
            action_id: PAGE_INPUTS.team.action,
            placeholder: plain("On-call team"),
            options: teams.slice(0, MAX_TEAMS).map((team) => option(team, team)),
          },
        },
      ]
    : [];
  return {
    type: "modal",
    callback_id: VIEWS.page,
    title: plain("Page someone", LIMITS.modalTitle),
    submit: plain("Page", LIMITS.modalButton),
    close: plain("Cancel", LIMITS.modalButton),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      { type: "context", elements: [plain(`INC-${incident.number}: ${incident.title}`, 2000)] },
      {
        type: "input",
        block_id: PAGE_INPUTS.person.block,
        optional: true,
        label: plain("Page a person", 2000),
        element: { type: "users_select", action_id: PAGE_INPUTS.person.action },
      },
      ...teamBlock,
      {
        type: "input",
        block_id: PAGE_INPUTS.reason.block,
        optional: true,
        label: plain("Why (read on a phone)", 2000),
        element: {
          type: "plain_text_input",
          action_id: PAGE_INPUTS.reason.action,
          max_length: PAGE_REASON_MAX,
        },
      },
    ],
  };
}
