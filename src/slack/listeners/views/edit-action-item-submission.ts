// The action item form (from *Edit / reassign*): new words and/or a new owner, recorded once
// per submission; the new owner gets a DM.
import { z } from "zod";
import type { Deps } from "../../../deps.ts";
import { ACTION_MAX } from "../../../domain/command/verbs/postmortem.ts";
import { badInput } from "../../../domain/errors.ts";
import { updateActionItem } from "../../../services/postmortem/manage-action-items.ts";
import { INPUTS } from "../../ids.ts";
import { metadataOf, selectedUser, textValue, type ViewState } from "./view-state.ts";

const metadataSchema = z.object({
  incidentId: z.number().int().positive(),
  actionId: z.number().int().positive(),
});
const textSchema = z
  .string()
  .min(1, "Say what needs doing.")
  .max(ACTION_MAX, `An action item is at most ${ACTION_MAX} characters.`);
const ownerSchema = z
  .string()
  .regex(/^[UW][A-Z0-9]{2,}$/, "Choose a person.")
  .nullable();

export async function submitEditActionItemForm(
  deps: Deps,
  submission: { userId: string; viewId: string; state: ViewState; privateMetadata: string | undefined },
): Promise<void> {
  const text = textSchema.safeParse(textValue(submission.state, INPUTS.actionText));
  if (!text.success)
    throw badInput(text.error.issues[0]?.message ?? "Check the text.", INPUTS.actionText.block);
  const owner = ownerSchema.safeParse(selectedUser(submission.state, INPUTS.actionOwner) ?? null);
  if (!owner.success)
    throw badInput(owner.error.issues[0]?.message ?? "Choose a person.", INPUTS.actionOwner.block);
  const metadata = metadataOf(submission.privateMetadata, metadataSchema);
  if (!("incidentId" in metadata))
    throw badInput(
      "This form lost track of its action item; open it again. Nothing was recorded.",
      INPUTS.actionText.block,
    );
  await updateActionItem(deps, {
    incidentId: metadata.incidentId,
    workstreamId: null,
    ref: { id: metadata.actionId },
    actorId: submission.userId,
    requestKey: `view:${submission.viewId}`,
    text: text.data,
    ownerId: owner.data,
  });
}
