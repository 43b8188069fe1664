// The latest messages of each incident channel, as the bot heard them in `message` events
// (message.channels / message.groups): a 📌 on one of them is captured from here, without
// conversations.history / conversations.replies, which Slack limits to one call a minute for
// some app distributions (issue 18 item 7).
//
// Per replica and in memory: an event reaches one replica, so another replica (or this one after
// a restart, or for a message older than what is kept) misses and reads Slack as before. Bounded:
// PER_CHANNEL newest messages in each of CHANNELS most recently active channels. Edits
// (message_changed) replace a message; deletions (message_deleted) forget it.
import type { SlackMessage } from "./message-lookup.ts";

export const RECENT_MESSAGES_PER_CHANNEL = 500;
export const RECENT_MESSAGE_CHANNELS = 200;

export interface RecentMessages {
  /** A kept message, or undefined (never heard, evicted, or deleted): then ask Slack. */
  get(channelId: string, ts: string): SlackMessage | undefined;
  /** A new message, or the new version of an edited one (message_changed carries it whole). */
  heard(channelId: string, message: SlackMessage): void;
  deleted(channelId: string, ts: string): void;
}

export function createRecentMessages(
  perChannel = RECENT_MESSAGES_PER_CHANNEL,
  channels = RECENT_MESSAGE_CHANNELS,
): RecentMessages {
  // Map iteration order is insertion order: re-inserting marks "most recent", the first is oldest.
  const byChannel = new Map<string, Map<string, SlackMessage>>();

  function touch(channelId: string): Map<string, SlackMessage> {
    const kept = byChannel.get(channelId) ?? new Map<string, SlackMessage>();
    byChannel.delete(channelId);
    byChannel.set(channelId, kept);
    while (byChannel.size > channels) {
      const oldest = byChannel.keys().next().value;
      if (oldest === undefined) break;
      byChannel.delete(oldest);
    }
    return kept;
  }

  return {
    get: (channelId, ts) => byChannel.get(channelId)?.get(ts),
    heard(channelId, message) {
      if (!message.ts) return;
      const kept = touch(channelId);
      kept.delete(message.ts);
      kept.set(message.ts, message);
      while (kept.size > perChannel) {
        const oldest = kept.keys().next().value;
        if (oldest === undefined) break;
        kept.delete(oldest);
      }
    },
    deleted(channelId, ts) {
      byChannel.get(channelId)?.delete(ts);
    },
  };
}
