// The close form: optional statements for the postmortem, pre-filled with what was given
// before (a re-opened form after an error, or statements set earlier).
import { escapeMrkdwn } from "../../domain/text/mrkdwn.ts";
import { truncate } from "../../domain/text/truncate.ts";
import { INPUTS, VIEWS } from "../ids.ts";
import { input, type Modal, plain, section } from "./blocks.ts";
import { LIMITS } from "./limits.ts";

export interface CloseModalIncident {
  id: number;
  number: number;
  title: string;
  rootCause: string | null;
  customerImpact: string | null;
  lessons: string | null;
}

export interface CloseModalMetadata {
  incidentId: number;
}

function textArea(
  ids: { block: string; action: string },
  label: string,
  hint: string,
  initial: string | null,
) {
  return input(
    ids,
    label,
    {
      type: "plain_text_input",
      multiline: true,
      max_length: LIMITS.inputMaxLength,
      ...(initial ? { initial_value: initial.slice(0, LIMITS.inputMaxLength) } : {}),
    },
    { optional: true, hint: plain(hint, LIMITS.inputHint) },
  );
}

export function closeModal(incident: CloseModalIncident): Modal {
  const metadata: CloseModalMetadata = { incidentId: incident.id };
  return {
    type: "modal",
    callback_id: VIEWS.close,
    title: plain(`Close INC-${incident.number}`, LIMITS.modalTitle),
    submit: plain("Close incident", LIMITS.modalButton),
    close: plain("Cancel", LIMITS.modalButton),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      section(
        `Closing *INC-${incident.number}*: ${escapeMrkdwn(truncate(incident.title, 300))}\nThe postmortem draft is generated from the timeline and posted in the incident channel. Everything below is optional and can be finished in the draft.`,
      ),
      textArea(
        INPUTS.rootCause,
        "Root cause",
        "A short statement: what changed, why it was not caught, why the blast radius was what it was.",
        incident.rootCause,
      ),
      textArea(
        INPUTS.customerImpact,
        "Customer impact",
        "Who was affected, what they saw, for how long.",
        incident.customerImpact,
      ),
      textArea(
        INPUTS.lessons,
        "Lessons learned",
        "What went well, what did not, where we got lucky.",
        incident.lessons,
      ),
    ],
  };
}
