// The "Post update" form (from a reminder or the controls) was submitted: one update per
// submission, at the time its "when" says, in the workstream it was opened for.
import { z } from "zod";
import type { Deps } from "../../../deps.ts";
import { badInput, DomainError } from "../../../domain/errors.ts";
import { postUpdate } from "../../../services/timeline/post-update.ts";
import { prepareUpdateForm } from "../../../services/timeline/reminder-buttons.ts";
import { CONTROL_INPUTS, INPUTS } from "../../ids.ts";
import { metadataOf, selectedValues, textValue, type ViewState } from "./view-state.ts";
import { whenValue } from "./when-value.ts";

const metadataSchema = z.object({
  incidentId: z.number().int().positive(),
  workstreamId: z.number().int().positive().nullish(),
  shownAt: z.number().int().optional(),
});

export async function submitUpdateForm(
  deps: Deps,
  submission: { userId: string; viewId: string; state: ViewState; privateMetadata: string | undefined },
): Promise<void> {
  const metadata = metadataOf(submission.privateMetadata, metadataSchema);
  if (!("incidentId" in metadata))
    throw badInput(
      "This form lost track of its incident; use `/incident update` instead.",
      INPUTS.updateText.block,
    );
  const text = textValue(submission.state, INPUTS.updateText);
  if (!text) throw badInput("Write the update for stakeholders.", INPUTS.updateText.block);
  const at = whenValue(submission.state, metadata.shownAt);
  // The rule that let the form open holds at submission too: the person may have left the
  // channel since, and a private incident's channel is the only way in.
  await prepareUpdateForm(deps, {
    incidentId: metadata.incidentId,
    actorId: submission.userId,
    workstreamId: metadata.workstreamId ?? null,
  });
  const isPublic = selectedValues(submission.state, CONTROL_INPUTS.key).includes("public");
  try {
    await postUpdate(deps, {
      incidentId: metadata.incidentId,
      workstreamId: metadata.workstreamId ?? null,
      // A form's text is plain (no Slack markup): kept as typed, escaped wherever it is shown.
      text,
      at,
      key: selectedValues(submission.state, CONTROL_INPUTS.key).includes("key"),
      public: isPublic,
      actorId: submission.userId,
      // A re-submitted form (Slack retries a slow ack) records one update.
      requestKey: `view:${submission.viewId}`,
    });
  } catch (error) {
    // Not allowed to speak publicly: say so under the Public box, so unticking it is the way on.
    if (isPublic && error instanceof DomainError && error.code === "forbidden")
      throw new DomainError("forbidden", error.userMessage, {
        field: CONTROL_INPUTS.key.block,
        cause: error,
      });
    throw error;
  }
}
