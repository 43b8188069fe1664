// Button clicks. Each is checked against the person who clicked, never against whoever the
// message was addressed to; the answer goes back to that person only.
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { Deps } from "../../../deps.ts";
import { homeModel } from "../../../services/home.ts";
import { joinIncident } from "../../../services/join-incident.ts";
import { ACTIONS } from "../../ids.ts";
import { presentError } from "../../present-error.ts";
import { appHome } from "../../views/app-home.ts";
import { declareModal } from "../../views/declare-modal.ts";
import { acceptHandoffClicked, writeHandoffClicked } from "./handoff-actions.ts";

export interface ActionInput {
  userId: string;
  value: string;
  triggerId: string;
  channelId: string | undefined;
  messageTs: string | undefined;
  responseUrl: string | undefined;
  viewId: string | undefined;
}

export type ActionHandler = (deps: Deps, input: ActionInput) => Promise<{ text: string } | null | undefined>;

const HANDLERS: Record<string, ActionHandler> = {
  [ACTIONS.joinIncident]: (deps, input) =>
    joinIncident(deps, { incidentId: Number(input.value), userId: input.userId }),
  [ACTIONS.declareFromHome]: async (deps, input) => {
    await deps.gateway.openView(input.triggerId, declareModal(input.userId, {}));
    return null;
  },
  [ACTIONS.writeHandoff]: writeHandoffClicked,
  [ACTIONS.acceptHandoff]: acceptHandoffClicked,
};

async function reply(deps: Deps, input: ActionInput, text: string): Promise<void> {
  if (input.responseUrl) {
    await deps.gateway.respond(input.responseUrl, {
      response_type: "ephemeral",
      replace_original: false,
      text,
    });
  } else if (input.channelId) {
    await deps.gateway.postEphemeral({ channel: input.channelId, user: input.userId, text });
  } else {
    await deps.gateway.postMessage({ channel: input.userId, text });
  }
}

export function registerActions(app: App, deps: Deps): void {
  for (const [actionId, handler] of Object.entries(HANDLERS)) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action }) => {
      // Acknowledge first: buttons have no reply body, and the trigger stays valid for modals.
      await ack();
      const input: ActionInput = {
        userId: body.user.id,
        value: action.value ?? "",
        triggerId: body.trigger_id,
        channelId: body.channel?.id ?? body.container?.channel_id,
        messageTs: body.message?.ts,
        responseUrl: body.response_url,
        viewId: body.view?.id,
      };
      try {
        const result = await handler(deps, input);
        if (result?.text) await reply(deps, input, result.text);
      } catch (error) {
        await reply(deps, input, presentError(error, deps.logger, `action ${actionId}`).text).catch((e) =>
          deps.logger.warn({ err: e }, "could not tell the user about a failed action"),
        );
      }
    });
  }
}

export async function publishHome(deps: Deps, userId: string): Promise<void> {
  await deps.gateway.publishHome(userId, appHome(await homeModel(deps, userId)));
}
