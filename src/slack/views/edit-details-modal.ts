// The title & summary form (from `/incident title` or `/incident summary` without text, or the
// *Edit title & summary* button), prefilled with both as they are now.
import { TITLE_MAX } from "../../domain/command/verbs/declare.ts";
import { SUMMARY_MAX } from "../../domain/command/verbs/details.ts";
import { escapeMrkdwn } from "../../domain/text/mrkdwn.ts";
import type { DetailsEdited, DetailsToEdit } from "../../services/edit-details.ts";
import { INPUTS, VIEWS } from "../ids.ts";
import { context, type Modal, plain } from "./blocks.ts";
import { LIMITS } from "./limits.ts";
import type { Reply } from "./replies/reply.ts";

export interface EditDetailsMetadata {
  incidentId: number;
  version: string;
}

export function editDetailsModal(details: DetailsToEdit): Modal {
  const metadata: EditDetailsMetadata = { incidentId: details.incidentId, version: details.version };
  return {
    type: "modal",
    callback_id: VIEWS.editDetails,
    title: plain(`Edit INC-${details.incidentNumber}`, LIMITS.modalTitle),
    submit: plain("Save", LIMITS.modalButton),
    close: plain("Cancel", LIMITS.modalButton),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      {
        type: "input",
        block_id: INPUTS.title.block,
        label: plain("Title", 2000),
        element: {
          type: "plain_text_input",
          action_id: INPUTS.title.action,
          max_length: TITLE_MAX,
          initial_value: details.title.slice(0, TITLE_MAX),
        },
      },
      {
        type: "input",
        block_id: INPUTS.summary.block,
        optional: true,
        label: plain("Summary", 2000),
        element: {
          type: "plain_text_input",
          action_id: INPUTS.summary.action,
          multiline: true,
          max_length: SUMMARY_MAX,
          ...(details.summary ? { initial_value: details.summary.slice(0, SUMMARY_MAX) } : {}),
        },
      },
      context([
        "The channel topic, pinned summary and announcement follow; the channel keeps its name. Recorded in the timeline.",
      ]),
    ],
  };
}

export function detailsEditedReply(r: DetailsEdited): Reply {
  if (!r.changed.length) return { text: `INC-${r.incidentNumber} already reads so: nothing changed.` };
  const said = r.changed.map((field) =>
    field === "title" ? `title is now *${escapeMrkdwn(r.title)}*` : "summary is updated",
  );
  return {
    text: `:pencil2: INC-${r.incidentNumber}'s ${said.join(" and its ")}. The topic, pinned summary and announcement follow; the channel keeps its name.`,
  };
}
