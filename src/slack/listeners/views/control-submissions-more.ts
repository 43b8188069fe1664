// Submissions of the Hand over, Action item, Note and Milestone forms: the same use cases as
// `/incident handoff`, `action`, `note` and `milestone`.
import { z } from "zod";
import type { Deps } from "../../../deps.ts";
import { KNOWN_MILESTONES } from "../../../domain/command/verbs/milestone.ts";
import { ACTION_MAX } from "../../../domain/command/verbs/postmortem.ts";
import { badInput } from "../../../domain/errors.ts";
import { startManualHandoff } from "../../../services/handoffs/manual-handoff.ts";
import { addActionItem } from "../../../services/postmortem/add-action-item.ts";
import { recordMilestone } from "../../../services/record-milestone.ts";
import { addNote } from "../../../services/timeline/add-note.ts";
import { CONTROL_INPUTS } from "../../ids.ts";
import { chosen, controlRequest, type Submission } from "./control-submission.ts";
import { selectedUser, selectedValue, textValue } from "./view-state.ts";

const I = CONTROL_INPUTS;

const handOverShownSchema = z.object({ leader: z.string().nullable(), workstream: z.string().nullable() });

export async function submitHandOverForm(deps: Deps, submission: Submission): Promise<void> {
  const request = await controlRequest(deps, submission, "hand_over", I.person.block);
  const toUserId = selectedUser(submission.state, I.person);
  if (!toUserId) throw badInput("Pick who takes over.", I.person.block);
  const shown = handOverShownSchema.safeParse(request.shown).data;
  if (shown?.leader === toUserId) throw badInput("They already lead it: pick someone else.", I.person.block);
  await startManualHandoff(deps, {
    incidentId: request.incidentId,
    workstream: shown?.workstream ?? null,
    toUserId,
    actorId: request.actorId,
    requestKey: request.requestKey,
    ...(shown ? { shownHolder: shown.leader } : {}),
  });
}

export async function submitActionItemForm(deps: Deps, submission: Submission): Promise<void> {
  const request = await controlRequest(deps, submission, "action_item", I.note.block);
  const text = textValue(submission.state, I.note);
  if (!text) throw badInput("Write the follow-up.", I.note.block);
  if (text.length > ACTION_MAX)
    throw badInput(
      `An action item is at most ${ACTION_MAX} characters (this one has ${text.length}).`,
      I.note.block,
    );
  await addActionItem(deps, {
    incidentId: request.incidentId,
    workstreamId: request.workstreamId,
    text,
    ownerId: selectedUser(submission.state, I.person) ?? null,
    actorId: request.actorId,
    requestKey: request.requestKey,
  });
}

export async function submitNoteForm(deps: Deps, submission: Submission): Promise<void> {
  const request = await controlRequest(deps, submission, "note", I.note.block);
  const text = textValue(submission.state, I.note);
  if (!text) throw badInput("Write the note.", I.note.block);
  const tag = selectedValue(submission.state, I.key);
  const { shown: _, ...input } = request;
  await addNote(deps, { ...input, text, tag: tag === "cause" || tag === "lesson" ? tag : null });
}

export async function submitMilestoneForm(deps: Deps, submission: Submission): Promise<void> {
  const request = await controlRequest(deps, submission, "milestone", I.milestone.block);
  const name = chosen(
    selectedValue(submission.state, I.milestone),
    KNOWN_MILESTONES,
    I.milestone.block,
    "Pick the moment.",
  );
  const { shown: _, ...input } = request;
  await recordMilestone(deps, { ...input, name, note: textValue(submission.state, I.note) });
}
