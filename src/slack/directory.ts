// The use cases' read-only view of Slack (src/services/ports.ts): the cached user directory,
// channel membership and message lookup, over the gateway. A message the bot heard as an event
// comes from recent-messages.ts without calling Slack (history/replies are the fallback).
import type { Directory } from "../services/ports.ts";
import type { ChannelMembership } from "./channel-membership.ts";
import type { Gateway } from "./gateway.ts";
import { lookUpMessage, permalinkOf } from "./message-lookup.ts";
import type { RecentMessages } from "./recent-messages.ts";
import type { UserDirectory } from "./user-directory.ts";

export function createDirectory(
  gateway: Gateway,
  users: UserDirectory,
  membership: ChannelMembership,
  recentMessages?: RecentMessages,
): Directory {
  return {
    user: (userId) => users.get(userId),
    names: (userIds) => users.names(userIds),
    groupMembers: (groupId) => users.groupMembers(groupId),
    // Asked of Slack each time, and the remembered copy starts again from the answer.
    channelMembers: (channelId) => membership.refresh(channelId),
    knownChannelMembers: (channelId) => membership.members(channelId),
    message: async (channelId, ts) =>
      recentMessages?.get(channelId, ts) ?? lookUpMessage(gateway, channelId, ts),
    permalink: (channelId, ts) => permalinkOf(gateway, channelId, ts),
  };
}
