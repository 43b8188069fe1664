// The title & summary form: validated field by field, recorded once per submission, refused
// (nothing recorded) when someone else edited them after the form opened.
import { z } from "zod";
import type { Deps } from "../../../deps.ts";
import { TITLE_MAX } from "../../../domain/command/verbs/declare.ts";
import { SUMMARY_MAX } from "../../../domain/command/verbs/details.ts";
import { badInput } from "../../../domain/errors.ts";
import { editDetails } from "../../../services/edit-details.ts";
import { INPUTS } from "../../ids.ts";
import { metadataOf, textValue, type ViewState } from "./view-state.ts";

const metadataSchema = z.object({
  incidentId: z.number().int().positive(),
  version: z.string().min(1).max(64),
});
const titleSchema = z
  .string()
  .min(1, "Give the incident a title.")
  .max(TITLE_MAX, `At most ${TITLE_MAX} characters.`);
const summarySchema = z.string().max(SUMMARY_MAX, `At most ${SUMMARY_MAX} characters.`);

export async function submitEditDetailsForm(
  deps: Deps,
  submission: { userId: string; viewId: string; state: ViewState; privateMetadata: string | undefined },
): Promise<void> {
  const title = titleSchema.safeParse(textValue(submission.state, INPUTS.title));
  if (!title.success)
    throw badInput(title.error.issues[0]?.message ?? "Check the title.", INPUTS.title.block);
  const summary = summarySchema.safeParse(textValue(submission.state, INPUTS.summary));
  if (!summary.success)
    throw badInput(summary.error.issues[0]?.message ?? "Check the summary.", INPUTS.summary.block);
  const metadata = metadataOf(submission.privateMetadata, metadataSchema);
  if (!("incidentId" in metadata))
    throw badInput(
      "This form lost track of its incident; open it again. Nothing was recorded.",
      INPUTS.title.block,
    );
  await editDetails(deps, {
    incidentId: metadata.incidentId,
    workstreamId: null,
    actorId: submission.userId,
    requestKey: `view:${submission.viewId}`,
    title: title.data,
    summary: summary.data,
    version: metadata.version,
    field: INPUTS.title.block,
  });
}
