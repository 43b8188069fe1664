// The "Post update" form, opened from an update reminder's button or the Post update control.
import { ENTRY_TEXT_MAX } from "../../domain/command/verbs/update.ts";
import { CONTROL_INPUTS, INPUTS, VIEWS } from "../ids.ts";
import { type Modal, option, plain } from "./blocks.ts";
import { LIMITS } from "./limits.ts";
import { whenField } from "./when-field.ts";

export interface PostUpdateMetadata {
  incidentId: number;
  /** From a workstream's controls: posted in that workstream's channel, tagged with it. */
  workstreamId?: number | null;
  /** When the form opened, as its "when" picker showed it (Unix seconds). */
  shownAt?: number;
}

export function postUpdateModal(
  metadata: PostUpdateMetadata,
  incident: { number: number; title: string; isPrivate: boolean },
  announced: boolean,
  openedAt: Date,
): Modal {
  const where =
    announced && !incident.isPrivate
      ? "Posted in the incident channel and mirrored to the announcement channel."
      : "Posted in the incident channel.";
  return {
    type: "modal",
    callback_id: VIEWS.postUpdate,
    title: plain("Status update", LIMITS.modalTitle),
    submit: plain("Post", LIMITS.modalButton),
    close: plain("Cancel", LIMITS.modalButton),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      {
        type: "context",
        elements: [plain(`INC-${incident.number}: ${incident.title}`, 2000)],
      },
      {
        type: "input",
        block_id: INPUTS.updateText.block,
        label: plain("Update for stakeholders", 2000),
        hint: plain(where, 2000),
        element: {
          type: "plain_text_input",
          action_id: INPUTS.updateText.action,
          multiline: true,
          max_length: Math.min(ENTRY_TEXT_MAX, LIMITS.inputMaxLength),
          placeholder: plain("What is affected, what we are doing, when the next update comes"),
        },
      },
      {
        type: "input",
        block_id: CONTROL_INPUTS.key.block,
        optional: true,
        label: plain("Also", 2000),
        element: {
          type: "checkboxes",
          action_id: CONTROL_INPUTS.key.action,
          options: [
            option("Key update: a moment of the postmortem's chronology", "key"),
            // Private incidents never reach the public status page.
            ...(incident.isPrivate ? [] : [option("Public: also on the status page", "public")]),
          ],
        },
      },
      whenField(openedAt),
    ],
  };
}
