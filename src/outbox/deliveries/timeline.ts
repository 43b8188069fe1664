// Deliveries of the timeline's intents: status updates mirrored under the incident's
// announcement, and the bot's quiet confirmation on a pinned message taken back.
import { announcementOf } from "../../db/repositories/delivery-scope.ts";
import type { Deps } from "../../deps.ts";
import { type PostedMessage, SlackCallError } from "../../slack/gateway.ts";
import type { DeliveryAttempt } from "../delivery.ts";
import { NotReadyError } from "../delivery.ts";
import type { IntentOf } from "../intents.ts";
import { postOnce } from "./post-once.ts";
import { renderQueued } from "./render.ts";

export async function announcementReply(
  intent: IntentOf<"announcement.reply">,
  attempt: DeliveryAttempt,
  deps: Deps,
): Promise<unknown> {
  const channel = deps.config.incidents.announceChannel;
  const incident = await announcementOf(deps.database.db, intent.incidentId);
  // Defence in depth: record-event.ts never queues this for a private incident.
  if (!channel || incident.isPrivate) return { skipped: "no public announcement" };
  // The announcement (earlier in this lane) waits for the channel; so does its thread.
  if (!incident.channelId) throw new NotReadyError("incident channel not created yet");
  // Everything earlier in the lane has been delivered or given up: without an announcement
  // ts the reply stands alone (its text links the incident channel).
  const threadTs = incident.announceTs ?? undefined;
  const posted: PostedMessage[] = [];
  for (const [part, content] of (await renderQueued(deps, intent.message)).entries())
    posted.push(await postOnce(deps.gateway, attempt, { channel, ...content, threadTs }, part));
  return { channel, ts: posted[0]?.ts, threaded: Boolean(threadTs) };
}

export async function reactionRemove(
  intent: IntentOf<"reaction.remove">,
  _attempt: DeliveryAttempt,
  deps: Deps,
): Promise<unknown> {
  try {
    await deps.gateway.call("reactions.remove", {
      channel: intent.channelId,
      timestamp: intent.ts,
      name: intent.name,
    });
    return { removed: true };
  } catch (error) {
    // Already gone (removed by hand, message deleted): the wanted state holds.
    const code = error instanceof SlackCallError ? error.slackError : undefined;
    if (code === "no_reaction" || code === "message_not_found") return { removed: false, reason: code };
    throw error;
  }
}
