// The incident chosen for "Add to incident timeline": record the message (as it was when the
// shortcut was used, carried in the sealed metadata) once per submission, then say where.
import { z } from "zod";
import type { Deps } from "../../../deps.ts";
import { badInput } from "../../../domain/errors.ts";
import { addMessageToTimeline } from "../../../services/timeline/add-message.ts";
import { INPUTS } from "../../ids.ts";
import { addedToTimelineModal } from "../../views/add-to-timeline-modal.ts";
import { messageAddedReply } from "../../views/replies/shortcut-replies.ts";
import type { FormUpdate } from "../edge.ts";
import { selectedValue, type ViewState } from "./view-state.ts";

const metadataSchema = z.object({
  channelId: z.string().regex(/^[CGD][A-Z0-9]{2,}$/),
  ts: z.string().regex(/^\d+\.\d+$/),
  text: z.string(),
  authorId: z.string().nullable(),
  botId: z.string().nullable(),
  threadTs: z.string().nullable(),
});

const incidentIdSchema = z.coerce.number().int().positive();

export async function submitAddToTimelineForm(
  deps: Deps,
  submission: { userId: string; viewId: string; state: ViewState; privateMetadata: string | undefined },
): Promise<FormUpdate> {
  const chosen = incidentIdSchema.safeParse(selectedValue(submission.state, INPUTS.captureIncident));
  if (!chosen.success)
    throw badInput("Choose the incident to add this message to.", INPUTS.captureIncident.block);
  let message: z.infer<typeof metadataSchema>;
  try {
    message = metadataSchema.parse(JSON.parse(submission.privateMetadata ?? ""));
  } catch {
    throw badInput(
      "This form lost track of the message; use the shortcut on the message again. Nothing was recorded.",
      INPUTS.captureIncident.block,
    );
  }
  const result = await addMessageToTimeline(deps, {
    message,
    actorId: submission.userId,
    requestKey: `view:${submission.viewId}`,
    incidentId: chosen.data,
  });
  if (result.kind !== "message_added") throw new Error("a chosen incident always gets the message");
  return { response_action: "update", view: addedToTimelineModal(messageAddedReply(result).text) };
}
