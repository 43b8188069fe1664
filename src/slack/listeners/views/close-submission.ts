// The close form was submitted: close once per submission; any refusal (not resolved, not
// the commander, already closed) appears in the form, which keeps what was typed.
import { z } from "zod";
import type { Deps } from "../../../deps.ts";
import { badInput } from "../../../domain/errors.ts";
import { closeIncident } from "../../../services/postmortem/close-incident.ts";
import { INPUTS } from "../../ids.ts";
import { metadataOf, textValue, type ViewState } from "./view-state.ts";

const metadataSchema = z.object({ incidentId: z.number().int().positive() });

export async function submitCloseForm(
  deps: Deps,
  submission: { userId: string; viewId: string; state: ViewState; privateMetadata: string | undefined },
): Promise<void> {
  const metadata = metadataOf(submission.privateMetadata, metadataSchema);
  if (!("incidentId" in metadata))
    throw badInput("This form is out of date: type `/incident close` again.", INPUTS.rootCause.block);
  await closeIncident(deps, {
    incidentId: metadata.incidentId,
    rootCause: textValue(submission.state, INPUTS.rootCause),
    customerImpact: textValue(submission.state, INPUTS.customerImpact),
    lessons: textValue(submission.state, INPUTS.lessons),
    actorId: submission.userId,
    requestKey: `view:${submission.viewId}`,
  });
}
