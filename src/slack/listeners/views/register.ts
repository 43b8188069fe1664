// Modal submissions. Errors about one field appear under that field; anything else under
// the first field, so the person never loses what they typed.
import type { App } from "@slack/bolt";
import type { Deps } from "../../../deps.ts";
import { INPUTS, VIEWS } from "../../ids.ts";
import { presentError } from "../../present-error.ts";
import { submitCloseForm } from "./close-submission.ts";
import { submitDeclareForm } from "./declare-submission.ts";
import { type ViewState, viewStateSchema } from "./view-state.ts";

type Submit = (
  deps: Deps,
  submission: { userId: string; viewId: string; state: ViewState; privateMetadata: string | undefined },
) => Promise<void>;

const SUBMISSIONS: { callbackId: string; firstBlock: string; submit: Submit }[] = [
  { callbackId: VIEWS.declare, firstBlock: INPUTS.title.block, submit: submitDeclareForm },
  { callbackId: VIEWS.close, firstBlock: INPUTS.rootCause.block, submit: submitCloseForm },
];

export function registerViews(app: App, deps: Deps): void {
  for (const { callbackId, firstBlock, submit } of SUBMISSIONS) {
    app.view(callbackId, async ({ ack, body, view }) => {
      try {
        const state = viewStateSchema.parse(view.state.values);
        await submit(deps, {
          userId: body.user.id,
          viewId: view.id,
          state,
          privateMetadata: view.private_metadata,
        });
        await ack();
      } catch (error) {
        const presented = presentError(error, deps.logger, `view ${callbackId}`);
        await ack({
          response_action: "errors",
          errors: { [presented.field ?? firstBlock]: presented.text.replace(/^:[a-z_]+: /, "") },
        });
      }
    });
  }
}
