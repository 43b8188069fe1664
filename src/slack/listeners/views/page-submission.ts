// The *Page someone* form was submitted: one page per submission, to the person or the team.
import { z } from "zod";
import type { Deps } from "../../../deps.ts";
import { badInput } from "../../../domain/errors.ts";
import { preparePageForm } from "../../../services/paging/page-form.ts";
import { pageSomeone } from "../../../services/paging/page-someone.ts";
import { PAGE_INPUTS } from "../../ids.ts";
import { metadataOf, selectedUser, selectedValue, textValue, type ViewState } from "./view-state.ts";

const metadataSchema = z.object({ incidentId: z.number().int().positive() });

export async function submitPageForm(
  deps: Deps,
  submission: { userId: string; viewId: string; state: ViewState; privateMetadata: string | undefined },
): Promise<void> {
  const metadata = metadataOf(submission.privateMetadata, metadataSchema);
  if (!("incidentId" in metadata))
    throw badInput(
      "This form lost track of its incident; use `/incident page` instead.",
      PAGE_INPUTS.person.block,
    );
  const person = selectedUser(submission.state, PAGE_INPUTS.person);
  const team = selectedValue(submission.state, PAGE_INPUTS.team);
  if (!person && !team) throw badInput("Pick a person or a team to page.", PAGE_INPUTS.person.block);
  if (person && team) throw badInput("Pick a person or a team, not both.", PAGE_INPUTS.team.block);
  // The rule that let the form open holds at submission too.
  const { incident } = await preparePageForm(deps, {
    incidentId: metadata.incidentId,
    actorId: submission.userId,
  });
  // What happens next shows in the channel's *Pages* message (the form closes on success).
  await pageSomeone(deps, {
    incidentId: incident.id,
    who: person ? { kind: "person", userId: person } : { kind: "team", name: team as string },
    reason: textValue(submission.state, PAGE_INPUTS.reason),
    actorId: submission.userId,
    // A re-submitted form (Slack retries a slow ack) pages once.
    requestKey: `view:${submission.viewId}`,
  });
}
