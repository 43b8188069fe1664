// Who can see and touch which conversation, with the errors Slack gives a bot token.
import { fail } from "../errors.ts";
import type { Args, ChannelRecord, UserRecord } from "../types.ts";
import type { Workspace } from "../workspace.ts";

export type MethodHandler = (ws: Workspace, args: Args) => Record<string, unknown>;
export type MethodTable = Record<string, MethodHandler>;

/** A channel the bot can see: any public channel, private ones it is in, its IMs. */
export function visibleChannel(ws: Workspace, id: string | undefined): ChannelRecord {
  const channel = id === undefined ? undefined : ws.channels.get(id);
  if (!channel) fail("channel_not_found");
  if (channel.isPrivate && !channel.members.has(ws.identity.botUserId)) fail("channel_not_found");
  return channel;
}

/** A visible channel the bot is a member of. */
export function memberChannel(ws: Workspace, id: string | undefined): ChannelRecord {
  const channel = visibleChannel(ws, id);
  if (!channel.members.has(ws.identity.botUserId)) fail("not_in_channel");
  return channel;
}

/**
 * Where a chat.postMessage goes: a channel id, a user id (their IM with the bot, opened on
 * demand), or a channel name with or without "#".
 */
export function messageTarget(ws: Workspace, target: string | undefined): ChannelRecord {
  if (target === undefined) fail("channel_not_found");
  const channel = ws.channels.get(target);
  if (channel) return channel;
  if (ws.users.has(target)) {
    if (ws.isBotUser(target)) fail("cannot_dm_bot");
    return ws.imChannelFor(target);
  }
  const byName = ws.channelsByName.get(target.replace(/^#/, ""));
  if (byName) return byName;
  fail("channel_not_found");
}

/** Posting needs the channel visible, not archived, and (for private channels) membership. */
export function postableChannel(ws: Workspace, channel: ChannelRecord): ChannelRecord {
  if (channel.isPrivate && !channel.members.has(ws.identity.botUserId)) fail("channel_not_found");
  if (channel.isArchived) fail("is_archived");
  return channel;
}

export function knownUser(ws: Workspace, id: string | undefined): UserRecord {
  const user = id === undefined ? undefined : ws.users.get(id);
  if (!user) fail("user_not_found");
  return user;
}

export function notArchived(channel: ChannelRecord): void {
  if (channel.isArchived) fail("is_archived");
}

export function encodeCursor(value: string): string {
  return Buffer.from(value, "utf8").toString("base64");
}

export function decodeCursor(cursor: string | undefined, prefix: string): string | undefined {
  if (!cursor) return undefined;
  const decoded = Buffer.from(cursor, "base64").toString("utf8");
  if (!decoded.startsWith(prefix)) fail("invalid_cursor");
  return decoded.slice(prefix.length);
}
