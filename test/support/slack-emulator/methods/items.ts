// Things attached to messages and channels: pins, reactions, bookmarks.
import { str } from "../args.ts";
import { fail, violate } from "../errors.ts";
import type { Args, MessageRecord } from "../types.ts";
import type { Workspace } from "../workspace.ts";
import { type MethodTable, memberChannel, notArchived, visibleChannel } from "./access.ts";

function pinnedItem(ws: Workspace, args: Args): MessageRecord {
  const channel = memberChannel(ws, str(args, "channel"));
  notArchived(channel);
  const ts = str(args, "timestamp");
  if (!ts) violate("no_item_specified", "pins need `timestamp` (the message ts)");
  const message = ws.findMessage(channel.id, ts);
  if (!message) fail("message_not_found");
  return message;
}

function pinsAdd(ws: Workspace, args: Args) {
  const message = pinnedItem(ws, args);
  if (message.pinned) fail("already_pinned");
  ws.setPinned(message, true);
  return {};
}

function pinsRemove(ws: Workspace, args: Args) {
  const message = pinnedItem(ws, args);
  if (!message.pinned) fail("no_pin");
  ws.setPinned(message, false);
  return {};
}

function reactedMessage(ws: Workspace, args: Args): { message: MessageRecord; name: string } {
  const channel = visibleChannel(ws, str(args, "channel"));
  notArchived(channel);
  // Slack accepts ":thumbsup:" and "thumbsup" alike.
  const name = (str(args, "name") ?? "").replace(/^:|:$/g, "");
  if (!/^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/.test(name)) fail("invalid_name");
  const message = ws.findMessage(channel.id, str(args, "timestamp") ?? "");
  if (!message) fail("message_not_found");
  return { message, name };
}

function reactionsAdd(ws: Workspace, args: Args) {
  const { message, name } = reactedMessage(ws, args);
  addReaction(message, name, ws.identity.botUserId);
  return {};
}

function reactionsRemove(ws: Workspace, args: Args) {
  const { message, name } = reactedMessage(ws, args);
  if (!removeReaction(message, name, ws.identity.botUserId)) fail("no_reaction");
  return {};
}

/** Shared with the emulator's seeding API (a human reacting). Fails when already reacted. */
export function addReaction(message: MessageRecord, name: string, user: string): void {
  const users = message.reactions.get(name) ?? [];
  if (users.includes(user)) fail("already_reacted");
  if (!message.reactions.has(name) && message.reactions.size >= 23) fail("too_many_reactions");
  users.push(user);
  message.reactions.set(name, users);
}

export function removeReaction(message: MessageRecord, name: string, user: string): boolean {
  const users = message.reactions.get(name);
  const index = users?.indexOf(user) ?? -1;
  if (!users || index < 0) return false;
  users.splice(index, 1);
  if (users.length === 0) message.reactions.delete(name);
  return true;
}

function bookmarksAdd(ws: Workspace, args: Args) {
  const channelId = str(args, "channel_id");
  if (!channelId) violate("invalid_arguments", "bookmarks.add needs channel_id");
  const title = str(args, "title") ?? "";
  const type = str(args, "type");
  if (type !== "link") violate("invalid_bookmark_type", `bookmark type must be link (got ${String(type)})`);
  const link = str(args, "link");
  if (!link) violate("invalid_arguments", "a link bookmark needs `link`");
  if (!/^https?:\/\//.test(link)) violate("invalid_link", `bookmark link must be http(s) (got ${link})`);
  const channel = memberChannel(ws, channelId);
  notArchived(channel);
  const emoji = str(args, "emoji");
  const bookmark = {
    id: ws.ids.next("Bk"),
    channelId: channel.id,
    title,
    type,
    link,
    ...(emoji ? { emoji } : {}),
    created: ws.nowSeconds(),
  };
  channel.bookmarks.push(bookmark);
  return {
    bookmark: {
      id: bookmark.id,
      channel_id: channel.id,
      title,
      link,
      emoji: emoji ?? null,
      icon_url: null,
      type,
      entity_id: null,
      date_created: bookmark.created,
      date_updated: 0,
      rank: String.fromCharCode(0x61 + Math.min(channel.bookmarks.length, 25)),
      last_updated_by_user_id: ws.identity.botUserId,
      last_updated_by_team_id: ws.identity.teamId,
      shortcut_id: null,
      app_id: ws.identity.appId,
    },
  };
}

export const itemMethods: MethodTable = {
  "pins.add": pinsAdd,
  "pins.remove": pinsRemove,
  "reactions.add": reactionsAdd,
  "reactions.remove": reactionsRemove,
  "bookmarks.add": bookmarksAdd,
};
