// Posting a message exactly once, even across a crash between Slack's answer and our commit:
// every post carries the outbox id in its metadata, and a retry after an uncertain attempt
// looks for it in the channel's recent history before posting again.
import type { QueuedMessage } from "../../db/repositories/outbox.ts";
import type { Gateway, PostedMessage } from "../../slack/gateway.ts";
import type { DeliveryAttempt } from "../delivery.ts";

export const OUTBOX_METADATA_TYPE = "incident_bot_outbox";

function tsOf(date: Date): string {
  return (date.getTime() / 1000).toFixed(6);
}

async function findEarlierPost(
  gateway: Gateway,
  channel: string,
  message: QueuedMessage,
  part: number,
): Promise<PostedMessage | null> {
  // Slack stamps messages with real time; look back a day from when the message was queued.
  const oldest = tsOf(new Date(Math.min(Date.now(), message.createdAt.getTime()) - 24 * 3600_000));
  try {
    const recent = await gateway.recentMessages(channel, oldest);
    const found = recent.find(
      (m) =>
        m.metadata?.event_type === OUTBOX_METADATA_TYPE &&
        m.metadata.event_payload?.outbox_id === message.id &&
        (m.metadata.event_payload?.part ?? 0) === part,
    );
    return found ? { channel, ts: found.ts } : null;
  } catch {
    // DMs and channels we cannot read: fall back to posting (at worst a duplicate).
    return null;
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
  if (attempt.previouslyAttempted && !args.channel.startsWith("U")) {
    const earlier = await findEarlierPost(gateway, args.channel, attempt.message, part);
    if (earlier) return earlier;
  }
  const payload = part ? { outbox_id: attempt.message.id, part } : { outbox_id: attempt.message.id };
  return gateway.postMessage({
    ...args,
    metadata: { event_type: OUTBOX_METADATA_TYPE, event_payload: payload },
  });
}
