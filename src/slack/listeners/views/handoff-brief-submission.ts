// The brief form was submitted: read the five answers, record the brief once per submission.
import { z } from "zod";
import type { Deps } from "../../../deps.ts";
import { badInput } from "../../../domain/errors.ts";
import type { HandoffBrief } from "../../../domain/handoff/brief.ts";
import { submitBrief } from "../../../services/handoffs/brief-handoff.ts";
import { HANDOFF_INPUTS } from "../../ids.ts";
import { metadataOf, textValue, type ViewState } from "./view-state.ts";

const metadataSchema = z.object({ handoffId: z.number().int().positive() });

export async function submitHandoffBriefForm(
  deps: Deps,
  submission: { userId: string; viewId: string; state: ViewState; privateMetadata: string | undefined },
): Promise<void> {
  const metadata = metadataOf(submission.privateMetadata, metadataSchema);
  if (!("handoffId" in metadata))
    throw badInput(
      "This form lost track of its handoff; press Write handoff again.",
      HANDOFF_INPUTS.currentState.block,
    );
  const brief: HandoffBrief = {
    currentState: textValue(submission.state, HANDOFF_INPUTS.currentState),
    triedOrRuledOut: textValue(submission.state, HANDOFF_INPUTS.triedOrRuledOut),
    openActions: textValue(submission.state, HANDOFF_INPUTS.openActions),
    risks: textValue(submission.state, HANDOFF_INPUTS.risks),
    nextCheckpoint: textValue(submission.state, HANDOFF_INPUTS.nextCheckpoint),
  };
  if (!brief.currentState)
    throw badInput("Say where things stand for the person taking over.", HANDOFF_INPUTS.currentState.block);
  if (!brief.nextCheckpoint)
    throw badInput(
      "Give the next checkpoint (a time and what is decided then).",
      HANDOFF_INPUTS.nextCheckpoint.block,
    );
  await submitBrief(deps, {
    handoffId: metadata.handoffId,
    userId: submission.userId,
    brief,
    requestKey: `view:${submission.viewId}`,
  });
}
