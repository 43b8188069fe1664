// Shortcuts (declared in manifest.yml): the global *Declare an incident*, and the message
// shortcuts *Declare incident from this message* and *Add to incident timeline*. Each is
// acknowledged at once (the trigger stays valid for a modal); its answer or failure goes to
// the person who used it only: the response_url of a message shortcut, else a DM.
import type { App } from "@slack/bolt";
import type { Deps } from "../../../deps.ts";
import { SHORTCUTS } from "../../ids.ts";
import { globalShortcutSchema, messageShortcutSchema } from "../../inbound.ts";
import { buttonEdge } from "../edge.ts";
import { exactlyOneOf, handlerFor } from "../one-listener.ts";
import { declareFromMessageShortcut, declareShortcut } from "./declare-shortcuts.ts";
import type { ShortcutHandler, ShortcutInput } from "./shortcut.ts";
import { addToTimelineShortcut } from "./timeline-shortcut.ts";

const HANDLERS: Record<string, ShortcutHandler> = {
  [SHORTCUTS.declare]: declareShortcut,
  [SHORTCUTS.declareFromMessage]: declareFromMessageShortcut,
  [SHORTCUTS.addToTimeline]: addToTimelineShortcut,
};

function shortcutInput(body: unknown): ShortcutInput | null {
  const message = messageShortcutSchema.safeParse(body);
  if (message.success) {
    const { user, trigger_id, channel, response_url } = message.data;
    return {
      userId: user.id,
      triggerId: trigger_id,
      channelId: channel.id,
      ...(response_url ? { responseUrl: response_url } : {}),
      message: message.data.message,
    };
  }
  const global = globalShortcutSchema.safeParse(body);
  return global.success ? { userId: global.data.user.id, triggerId: global.data.trigger_id } : null;
}

export function registerShortcuts(app: App, deps: Deps): void {
  app.shortcut(exactlyOneOf(Object.keys(HANDLERS)), async ({ ack, body, shortcut }) => {
    await ack();
    const callbackId = shortcut.callback_id;
    const handler = handlerFor(HANDLERS, callbackId);
    if (!handler) return; // the pattern lets only the table's ids through
    const input = shortcutInput(body);
    if (!input) {
      deps.logger.warn({ callbackId }, "malformed shortcut payload ignored");
      return;
    }
    await buttonEdge(
      deps,
      `shortcut ${callbackId}`,
      { userId: input.userId, channelId: input.channelId, responseUrl: input.responseUrl },
      () => handler(deps, input),
    );
  });
}
