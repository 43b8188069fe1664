// "Add to incident timeline" used outside an incident's channels (an alerts channel): the
// person picks which open incident the message belongs to. Lists only incidents they may see.
import { SEVERITY_NAMES } from "../../domain/incident/severity.ts";
import { escapeMrkdwn, mentionChannel, mentionUser } from "../../domain/text/mrkdwn.ts";
import { truncate } from "../../domain/text/truncate.ts";
import type { CaptureTarget } from "../../services/timeline/add-message.ts";
import { INPUTS, VIEWS } from "../ids.ts";
import { context, type InfoModal, type Modal, option, plain, section } from "./blocks.ts";
import { LIMITS } from "./limits.ts";

/** What the submission needs to record the message as it was when the shortcut was used. */
export interface AddToTimelineMetadata {
  channelId: string;
  ts: string;
  text: string;
  authorId: string | null;
  botId: string | null;
  threadTs: string | null;
}

const PREVIEW_MAX = 600;

export function addToTimelineModal(
  metadata: AddToTimelineMetadata,
  incidents: CaptureTarget[],
  unchecked: number,
): Modal {
  const options = incidents.map((i) =>
    option(`INC-${i.number} · SEV${i.severity} ${SEVERITY_NAMES[i.severity]} — ${i.title}`, String(i.id)),
  );
  const from = metadata.authorId ? `${mentionUser(metadata.authorId)} in ` : "";
  return {
    type: "modal",
    callback_id: VIEWS.addToTimeline,
    title: plain("Add to timeline", LIMITS.modalTitle),
    submit: plain("Add", LIMITS.modalButton),
    close: plain("Cancel", LIMITS.modalButton),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      section(`Message from ${from}${mentionChannel(metadata.channelId)}:`),
      section(`>${escapeMrkdwn(truncate(metadata.text || "(no text)", PREVIEW_MAX)).replace(/\n/g, "\n>")}`),
      {
        type: "input",
        block_id: INPUTS.captureIncident.block,
        label: plain("Incident", 2000),
        element: {
          type: "static_select",
          action_id: INPUTS.captureIncident.action,
          placeholder: plain("Choose an open incident"),
          options,
        },
      },
      ...(unchecked > 0
        ? [
            context([
              `${unchecked} private incident${unchecked === 1 ? "" : "s"} could not be checked just now; if yours is missing, try again in a moment.`,
            ]),
          ]
        : []),
    ],
  };
}

/** Shown in place of the form once the message is recorded. */
export function addedToTimelineModal(text: string): InfoModal {
  return {
    type: "modal",
    title: plain("Add to timeline", LIMITS.modalTitle),
    close: plain("Done", LIMITS.modalButton),
    blocks: [section(text)],
  };
}
