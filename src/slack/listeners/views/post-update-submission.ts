// The "Post update" form (from a reminder) was submitted: one update per submission.
import { z } from "zod";
import type { Deps } from "../../../deps.ts";
import { badInput } from "../../../domain/errors.ts";
import { postUpdate } from "../../../services/timeline/post-update.ts";
import { prepareUpdateForm } from "../../../services/timeline/reminder-buttons.ts";
import { INPUTS } from "../../ids.ts";
import { metadataOf, textValue, type ViewState } from "./view-state.ts";

const metadataSchema = z.object({ incidentId: z.number().int().positive() });

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
  // The rule that let the form open holds at submission too: the person may have left the
  // channel since, and a private incident's channel is the only way in.
  await prepareUpdateForm(deps, { incidentId: metadata.incidentId, actorId: submission.userId });
  await postUpdate(deps, {
    incidentId: metadata.incidentId,
    workstreamId: null,
    // A form's text is plain (no Slack markup): kept as typed, escaped wherever it is shown.
    text,
    at: null,
    actorId: submission.userId,
    // A re-submitted form (Slack retries a slow ack) records one update.
    requestKey: `view:${submission.viewId}`,
  });
}
