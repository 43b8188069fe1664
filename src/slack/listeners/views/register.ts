// Modal submissions. Errors about one field appear under that field; anything else under
// the first field, so the person never loses what they typed.
import type { App } from "@slack/bolt";
import type { Deps } from "../../../deps.ts";
import { badInput } from "../../../domain/errors.ts";
import { requireSealedForm } from "../../form-seal.ts";
import { HANDOFF_INPUTS, INPUTS, PAGE_INPUTS, VIEWS } from "../../ids.ts";
import { viewSubmissionSchema } from "../../inbound.ts";
import { type FormAck, type FormUpdate, formEdge } from "../edge.ts";
import { submitAddToTimelineForm } from "./add-to-timeline-submission.ts";
import { submitCloseForm } from "./close-submission.ts";
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
];

export function registerViews(app: App, deps: Deps): void {
  for (const { callbackId, firstBlock, submit } of SUBMISSIONS) {
    app.view(callbackId, async ({ ack, body }) => {
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
        return submit(deps, { userId: user.id, viewId: view.id, state, privateMetadata });
      });
    });
  }
}
