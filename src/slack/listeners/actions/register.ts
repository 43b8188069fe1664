// Button clicks. Each is checked against the person who clicked, never against whoever the
// message was addressed to; the answer goes back to that person only.
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { Deps } from "../../../deps.ts";
import { homeModel } from "../../../services/home.ts";
import { joinIncident } from "../../../services/join-incident.ts";
import { sealForm } from "../../form-seal.ts";
import { ACTIONS } from "../../ids.ts";
import { blockActionSchema, buttonSchema, overflowChoiceSchema } from "../../inbound.ts";
import { appHome } from "../../views/app-home.ts";
import { declareModal } from "../../views/declare-modal.ts";
import { renderResult } from "../../views/replies/index.ts";
import { snoozeActionId } from "../../views/update-reminder.ts";
import { buttonEdge } from "../edge.ts";
import { exactlyOneOf, handlerFor } from "../one-listener.ts";
import type { ActionHandler, ActionInput } from "./action.ts";
import {
  actionItemDoneClicked,
  actionItemEditClicked,
  listActionItemsClicked,
} from "./action-item-actions.ts";
import { CONTROL_HANDLERS } from "./control-actions.ts";
import { editDetailsClicked } from "./details-actions.ts";
import { acceptHandoffClicked, writeHandoffClicked } from "./handoff-actions.ts";
import { openPageForm } from "./page-actions.ts";
import { openUpdateForm, showTimelinePage, snoozeFor } from "./timeline-actions.ts";

const HANDLERS: Record<string, ActionHandler> = {
  [ACTIONS.joinIncident]: async (deps, input) =>
    renderResult(await joinIncident(deps, { incidentId: Number(input.value), userId: input.userId })),
  [ACTIONS.declareFromHome]: async (deps, input) => {
    await deps.gateway.openView(
      input.triggerId,
      sealForm(
        deps.config,
        declareModal(input.userId, {}, { rotations: deps.rotations.names() }),
        input.userId,
      ),
    );
    return null;
  },
  [ACTIONS.postUpdate]: (deps, input) => openUpdateForm(deps, input),
  [snoozeActionId(15)]: (deps, input) => snoozeFor(15)(deps, input),
  [snoozeActionId(30)]: (deps, input) => snoozeFor(30)(deps, input),
  [snoozeActionId(60)]: (deps, input) => snoozeFor(60)(deps, input),
  [ACTIONS.timelineEarlier]: (deps, input) => showTimelinePage(deps, input),
  [ACTIONS.timelineLater]: (deps, input) => showTimelinePage(deps, input),
  [ACTIONS.writeHandoff]: writeHandoffClicked,
  [ACTIONS.acceptHandoff]: acceptHandoffClicked,
  [ACTIONS.listActionItems]: listActionItemsClicked,
  [ACTIONS.actionItemDone]: actionItemDoneClicked,
  [ACTIONS.actionItemEdit]: actionItemEditClicked,
  [ACTIONS.editDetails]: editDetailsClicked,
  [ACTIONS.pageSomeone]: openPageForm,
  ...CONTROL_HANDLERS,
};

export function registerActions(app: App, deps: Deps): void {
  app.action<BlockAction<ButtonAction>>(
    exactlyOneOf(Object.keys(HANDLERS)),
    async ({ ack, body, action }) => {
      // Acknowledge first: buttons have no reply body, and the trigger stays valid for modals.
      await ack();
      const actionId = action.action_id;
      const handler = handlerFor(HANDLERS, actionId);
      if (!handler) return; // the pattern lets only the table's ids through
      const payload = blockActionSchema.safeParse(body);
      const button = buttonSchema.safeParse(action);
      if (!payload.success || !button.success) {
        deps.logger.warn({ actionId }, "malformed block_actions payload ignored");
        return;
      }
      const input: ActionInput = {
        userId: payload.data.user.id,
        // A button's value, or the option chosen in an overflow menu.
        value: button.data.value ?? overflowChoiceSchema.safeParse(action).data?.selected_option.value ?? "",
        triggerId: payload.data.trigger_id,
        channelId: payload.data.channel?.id ?? payload.data.container?.channel_id,
        messageTs: payload.data.message?.ts,
        responseUrl: payload.data.response_url,
        viewId: payload.data.view?.id,
      };
      await buttonEdge(deps, `action ${actionId}`, input, () => handler(deps, input));
    },
  );
}

export async function publishHome(deps: Deps, userId: string): Promise<void> {
  await deps.gateway.publishHome(userId, appHome(await homeModel(deps, userId)));
}
