// The message shortcut *Add to incident timeline*. In an incident's channels the message is
// recorded at once; elsewhere a form asks which open incident (only those the person may see).

import { truncate } from "../../../domain/text/truncate.ts";
import { messageContent } from "../../../domain/timeline/message-content.ts";
import { addMessageToTimeline, type CaptureTarget } from "../../../services/timeline/add-message.ts";
import { sealForm } from "../../form-seal.ts";
import { type AddToTimelineMetadata, addToTimelineModal } from "../../views/add-to-timeline-modal.ts";
import { LIMITS } from "../../views/limits.ts";
import { messageAddedReply, noIncidentToAddToReply } from "../../views/replies/shortcut-replies.ts";
import type { ShortcutHandler } from "./shortcut.ts";

export const addToTimelineShortcut: ShortcutHandler = async (deps, input) => {
  const { message, channelId } = input;
  if (!message || !channelId) return null;
  const captured: AddToTimelineMetadata = {
    channelId,
    ts: message.ts,
    text: messageContent(message).body,
    authorId: message.user ?? null,
    botId: message.bot_id ?? null,
    threadTs: message.thread_ts && message.thread_ts !== message.ts ? message.thread_ts : null,
  };
  const result = await addMessageToTimeline(deps, {
    message: captured,
    actorId: input.userId,
    requestKey: `shortcut:${input.triggerId}`,
  });
  if (result.kind === "message_added") return messageAddedReply(result);
  if (!result.incidents.length) return noIncidentToAddToReply(result.unchecked);
  await deps.gateway.openView(input.triggerId, sealedWithin(deps.config, input.userId, captured, result));
  return null;
};

type Config = Parameters<typeof sealForm>[0];

/**
 * The form sealed with the message in its metadata, so what is recorded is the message as it
 * was now. Sealed metadata is limited (3,000 characters): a very long message is cut to fit.
 */
function sealedWithin(
  config: Config,
  userId: string,
  captured: AddToTimelineMetadata,
  result: { incidents: CaptureTarget[]; unchecked: number },
) {
  let text = captured.text;
  for (;;) {
    const modal = addToTimelineModal({ ...captured, text }, result.incidents, result.unchecked);
    // Escaped twice (JSON in JSON) plus the seal: measure what Slack will get.
    if (
      text.length <= 40 ||
      JSON.stringify(modal.private_metadata).length * 1.2 + 200 < LIMITS.privateMetadata
    )
      return sealForm(config, modal, userId);
    text = truncate(text, Math.floor(text.length * 0.8));
  }
}
