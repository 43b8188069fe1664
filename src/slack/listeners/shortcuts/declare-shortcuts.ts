// The global shortcut *Declare an incident* and the message shortcut *Declare incident from
// this message*: both open the declare form; the second prefills it from the message and
// remembers the message so the declared incident's timeline links back to it.
import { draftFromMessage } from "../../../services/timeline/message-draft.ts";
import { sealForm } from "../../form-seal.ts";
import { declareModal } from "../../views/declare-modal.ts";
import type { ShortcutHandler } from "./shortcut.ts";

export const declareShortcut: ShortcutHandler = async (deps, input) => {
  await deps.gateway.openView(
    input.triggerId,
    sealForm(
      deps.config,
      declareModal(input.userId, {}, { rotations: deps.rotations.names() }),
      input.userId,
    ),
  );
  return null;
};

export const declareFromMessageShortcut: ShortcutHandler = async (deps, input) => {
  const { message, channelId } = input;
  if (!message || !channelId) return declareShortcut(deps, input);
  const draft = await draftFromMessage(deps, message);
  const modal = declareModal(
    input.userId,
    {
      ...(input.responseUrl ? { responseUrl: input.responseUrl } : {}),
      source: { channelId, ts: message.ts },
    },
    { ...draft, rotations: deps.rotations.names() },
  );
  await deps.gateway.openView(input.triggerId, sealForm(deps.config, modal, input.userId));
  return null;
};
