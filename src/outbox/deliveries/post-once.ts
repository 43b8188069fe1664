// Posting a message exactly once, even across a crash (or a timeout) between Slack taking the
// post and our commit: every post carries the outbox id in its metadata, and a retry after an
// uncertain attempt looks for it where the post would be before posting again: the channel's
// history for a top-level message, the thread's replies for a reply (conversations.history
// never returns replies), and the DM channel's history for a message to a user (the
// manifest's im:history scope; without it Slack answers missing_scope and we post again).
import type { QueuedMessage } from "../../db/repositories/outbox.ts";
import {
  type Gateway,
  type HistoryMessage,
  type PostedMessage,
  SlackCallError,
} from "../../slack/gateway.ts";
import type { DeliveryAttempt } from "../delivery.ts";

export const OUTBOX_METADATA_TYPE = "incident_bot_outbox";

function tsOf(date: Date): string {
  return (date.getTime() / 1000).toFixed(6);
}

/** A user id (`U…`/`W…`) as a post's channel: Slack posts it in the bot's DM with that user. */
function isUserId(channel: string): boolean {
  return /^[UW][A-Z0-9]+$/.test(channel);
}

interface Where {
  channel: string;
  threadTs?: string | undefined;
}

async function messagesWhereItWouldBe(gateway: Gateway, where: Where, oldest: string) {
  const channel = isUserId(where.channel) ? await gateway.openDm(where.channel) : where.channel;
  const messages: HistoryMessage[] = where.threadTs
    ? await gateway.threadReplies(channel, where.threadTs, oldest)
    : await gateway.recentMessages(channel, oldest);
  return { channel, messages };
}

async function findEarlierPost(
  gateway: Gateway,
  where: Where,
  message: QueuedMessage,
  part: number,
): Promise<PostedMessage | null> {
  // Slack stamps messages with real time; look back a day from when the message was queued.
  const oldest = tsOf(new Date(Math.min(Date.now(), message.createdAt.getTime()) - 24 * 3600_000));
  try {
    const { channel, messages } = await messagesWhereItWouldBe(gateway, where, oldest);
    const found = messages.find(
      (m) =>
        m.metadata?.event_type === OUTBOX_METADATA_TYPE &&
        m.metadata.event_payload?.outbox_id === message.id &&
        (m.metadata.event_payload?.part ?? 0) === part,
    );
    return found ? { channel, ts: found.ts } : null;
  } catch (error) {
    // Slack answered that we cannot read there (not a member, no such thread): nothing we
    // posted can be found either, so posting is the only way on. Anything else (a timeout, a
    // rate limit) leaves the question open: retry later rather than risk a second post.
    if (error instanceof SlackCallError && error.failure.kind === "permanent") return null;
    throw error;
  }
}

/**
 * Posts one message of an outbox row (`part`: its place when the row renders to several, as a
 * long handoff brief does; each part is looked for on its own).
 */
export async function postOnce(
  gateway: Gateway,
  attempt: DeliveryAttempt,
  args: { channel: string; text: string; blocks?: unknown[]; threadTs?: string; broadcast?: boolean },
  part = 0,
): Promise<PostedMessage> {
  if (attempt.previouslyAttempted) {
    const earlier = await findEarlierPost(gateway, args, attempt.message, part);
    if (earlier) return earlier;
  }
  const payload = part ? { outbox_id: attempt.message.id, part } : { outbox_id: attempt.message.id };
  return gateway.postMessage({
    ...args,
    metadata: { event_type: OUTBOX_METADATA_TYPE, event_payload: payload },
  });
}
