// Modal submissions. Errors about one field appear under that field; anything else under
// the first field, so the person never loses what they typed.
import type { App } from "@slack/bolt";
import type { Deps } from "../../../deps.ts";
import { badInput, DomainError } from "../../../domain/errors.ts";
import { requireSealedForm } from "../../form-seal.ts";
import { CONTROL_INPUTS, CONTROL_VIEWS, HANDOFF_INPUTS, INPUTS, PAGE_INPUTS, VIEWS } from "../../ids.ts";
import { viewSubmissionSchema } from "../../inbound.ts";
import { type FormAck, type FormUpdate, formEdge } from "../edge.ts";
import { exactlyOneOf, handlerFor } from "../one-listener.ts";
import { submitAddToTimelineForm } from "./add-to-timeline-submission.ts";
import { submitCloseForm } from "./close-submission.ts";
import {
  submitRolesForm,
  submitServiceForm,
  submitSeverityForm,
  submitStatusForm,
} from "./control-submissions.ts";
import {
  submitActionItemForm,
  submitHandOverForm,
  submitMilestoneForm,
  submitNoteForm,
} from "./control-submissions-more.ts";
import { submitDeclareForm } from "./declare-submission.ts";
import { submitEditActionItemForm } from "./edit-action-item-submission.ts";
import { submitEditDetailsForm } from "./edit-details-submission.ts";
import { submitHandoffBriefForm } from "./handoff-brief-submission.ts";
import { submitPageForm } from "./page-submission.ts";
import { submitUpdateForm } from "./post-update-submission.ts";
import { firstControlCharacterIn, type ViewState, viewStateSchema } from "./view-state.ts";

type Submit = (
  deps: Deps,
  submission: { userId: string; viewId: string; state: ViewState; privateMetadata: string | undefined },
) => Promise<FormUpdate | unknown>; // a FormUpdate replaces the form; anything else closes it

const SUBMISSIONS: { callbackId: string; firstBlock: string; submit: Submit }[] = [
  { callbackId: VIEWS.declare, firstBlock: INPUTS.title.block, submit: submitDeclareForm },
  { callbackId: VIEWS.postUpdate, firstBlock: INPUTS.updateText.block, submit: submitUpdateForm },
  {
    callbackId: VIEWS.handoffBrief,
    firstBlock: HANDOFF_INPUTS.currentState.block,
    submit: submitHandoffBriefForm,
  },
  { callbackId: VIEWS.close, firstBlock: INPUTS.rootCause.block, submit: submitCloseForm },
  {
    callbackId: VIEWS.addToTimeline,
    firstBlock: INPUTS.captureIncident.block,
    submit: submitAddToTimelineForm,
  },
  { callbackId: VIEWS.editActionItem, firstBlock: INPUTS.actionText.block, submit: submitEditActionItemForm },
  { callbackId: VIEWS.editDetails, firstBlock: INPUTS.title.block, submit: submitEditDetailsForm },
  { callbackId: VIEWS.page, firstBlock: PAGE_INPUTS.person.block, submit: submitPageForm },
  // The controls' forms (views/control-forms*.ts).
  {
    callbackId: CONTROL_VIEWS.severity,
    firstBlock: CONTROL_INPUTS.severity.block,
    submit: submitSeverityForm,
  },
  { callbackId: CONTROL_VIEWS.status, firstBlock: CONTROL_INPUTS.status.block, submit: submitStatusForm },
  { callbackId: CONTROL_VIEWS.roles, firstBlock: CONTROL_INPUTS.role.block, submit: submitRolesForm },
  { callbackId: CONTROL_VIEWS.service, firstBlock: CONTROL_INPUTS.service.block, submit: submitServiceForm },
  { callbackId: CONTROL_VIEWS.handOver, firstBlock: CONTROL_INPUTS.person.block, submit: submitHandOverForm },
  {
    callbackId: CONTROL_VIEWS.actionItem,
    firstBlock: CONTROL_INPUTS.note.block,
    submit: submitActionItemForm,
  },
  { callbackId: CONTROL_VIEWS.note, firstBlock: CONTROL_INPUTS.note.block, submit: submitNoteForm },
  {
    callbackId: CONTROL_VIEWS.milestone,
    firstBlock: CONTROL_INPUTS.milestone.block,
    submit: submitMilestoneForm,
  },
];

export function registerViews(app: App, deps: Deps): void {
  const byCallbackId = Object.fromEntries(
    SUBMISSIONS.map((submission) => [submission.callbackId, submission]),
  );
  app.view(exactlyOneOf(Object.keys(byCallbackId)), async ({ ack, body, view: submitted }) => {
    const submission = handlerFor(byCallbackId, submitted.callback_id);
    if (!submission) return; // the pattern lets only the table's ids through
    const { callbackId, firstBlock, submit } = submission;
    // Bolt types `ack` for view_closed too; a view_submission's ack takes response actions.
    await formEdge(deps, `view ${callbackId}`, firstBlock, ack as FormAck, async () => {
      const { user, view } = viewSubmissionSchema.parse(body);
      const state = viewStateSchema.parse(view.state.values);
      const control = firstControlCharacterIn(state);
      if (control)
        throw badInput(
          `This contains an invisible control character (${control.control.name}) at position ${control.control.index + 1}, probably from a copy and paste. Remove it and submit again; nothing was recorded.`,
          control.block,
        );
      // Only a form the bot opened, for this person, is acted on (form-seal.ts says why).
      const privateMetadata = requireSealedForm(
        deps.config,
        { callbackId, userId: user.id, privateMetadata: view.private_metadata },
        firstBlock,
      );
      try {
        return await submit(deps, { userId: user.id, viewId: view.id, state, privateMetadata });
      } catch (error) {
        // An error about a field this form does not have (a time refused on a form without
        // "when") goes under the first field, not to a block Slack would not find.
        if (error instanceof DomainError && error.field && !(error.field in state))
          throw new DomainError(error.code, error.userMessage);
        throw error;
      }
    });
  });
}
