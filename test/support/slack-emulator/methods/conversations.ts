// conversations.*: creating, inviting to, describing and reading channels.
import { bool, csv, int, requireStr, str } from "../args.ts";
import { fail, violate } from "../errors.ts";
import { channelJson, messageJson } from "../serialize.ts";
import type { Args, ChannelRecord, MessageRecord } from "../types.ts";
import type { Workspace } from "../workspace.ts";
import {
  decodeCursor,
  encodeCursor,
  knownUser,
  type MethodTable,
  memberChannel,
  notArchived,
  visibleChannel,
} from "./access.ts";

/** "Invites 1-1000 users" (Slack method reference; the Node SDK agrees). */
export const MAX_INVITES_PER_CALL = 1000;
const TOPIC_LIMIT = 250;

function create(ws: Workspace, args: Args) {
  const name = str(args, "name") ?? "";
  if (name === "") violate("invalid_name_required", "channel name is empty");
  if (name.length > 80)
    violate("invalid_name_maxlength", `channel name is ${name.length} characters (max 80)`);
  if (!/^[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{N}_-]+$/u.test(name)) {
    violate(
      "invalid_name_specials",
      `channel name ${JSON.stringify(name)} may only have lowercase letters, digits, - and _`,
    );
  }
  // Lowercase letters of other scripts are a workspace's choice, not a caller's mistake: a
  // workspace that allows only a-z refuses them with an ordinary error.
  if (ws.channelNameLetters === "ascii" && !/^[a-z0-9_-]+$/.test(name)) fail("invalid_name_specials");
  if (ws.channelsByName.has(name)) fail("name_taken");
  const bot = ws.identity.botUserId;
  const channel = ws.createChannel({
    name,
    isPrivate: bool(args, "is_private"),
    creator: bot,
    members: [bot],
  });
  return { channel: channelJson(ws, channel) };
}

function invite(ws: Workspace, args: Args) {
  const channel = visibleChannel(ws, str(args, "channel"));
  const users = csv(str(args, "users"));
  if (users.length === 0) violate("no_user", "`users` lists no user ids");
  if (users.length > MAX_INVITES_PER_CALL) {
    violate("too_many_users", `${users.length} users in one invite; batch by ${MAX_INVITES_PER_CALL}`);
  }
  notArchived(channel);
  if (!channel.members.has(ws.identity.botUserId)) fail("not_in_channel");
  if (channel.isIm) fail("method_not_supported_for_channel_type");
  const errors: { user: string; ok: false; error: string }[] = [];
  for (const user of users) {
    if (ws.isBotUser(user)) errors.push({ user, ok: false, error: "cant_invite_self" });
    else if (!ws.users.has(user)) errors.push({ user, ok: false, error: "user_not_found" });
  }
  // Without `force` one invalid user fails the call and nobody is invited; with it the valid
  // ones are invited and the invalid ones listed in `errors`.
  const force = bool(args, "force");
  const first = errors[0];
  if (first && !force) fail(first.error, { errors });
  const invalid = new Set(errors.map((e) => e.user));
  const valid = users.filter((user) => !invalid.has(user));
  const newcomers = valid.filter((user) => !channel.members.has(user));
  if (newcomers.length === 0)
    fail("already_in_channel", {
      errors: [...errors, ...valid.map((user) => ({ user, ok: false, error: "already_in_channel" }))],
    });
  for (const user of newcomers) channel.members.add(user);
  return { channel: channelJson(ws, channel), ...(errors.length ? { errors } : {}) };
}

function setText(field: "topic" | "purpose") {
  return (ws: Workspace, args: Args) => {
    const value = str(args, field) ?? "";
    if (value.length > TOPIC_LIMIT)
      violate("too_long", `${field} is ${value.length} characters (max ${TOPIC_LIMIT})`);
    const channel = memberChannel(ws, str(args, "channel"));
    notArchived(channel);
    channel[field] = { value, creator: ws.identity.botUserId, lastSet: ws.nowSeconds() };
    return { channel: channelJson(ws, channel), [field]: value };
  };
}

function info(ws: Workspace, args: Args) {
  const channel = visibleChannel(ws, str(args, "channel"));
  return { channel: channelJson(ws, channel, bool(args, "include_num_members")) };
}

function archive(ws: Workspace, args: Args) {
  const channel = visibleChannel(ws, str(args, "channel"));
  if (channel.isIm) fail("method_not_supported_for_channel_type");
  if (channel.isArchived) fail("already_archived");
  if (!channel.members.has(ws.identity.botUserId)) fail("not_in_channel");
  channel.isArchived = true;
  return {};
}

function join(ws: Workspace, args: Args) {
  const channel = visibleChannel(ws, str(args, "channel"));
  if (channel.isIm) fail("method_not_supported_for_channel_type");
  notArchived(channel);
  const already = channel.members.has(ws.identity.botUserId);
  channel.members.add(ws.identity.botUserId);
  return already
    ? {
        channel: channelJson(ws, channel),
        warning: "already_in_channel",
        response_metadata: { warnings: ["already_in_channel"] },
      }
    : { channel: channelJson(ws, channel) };
}

function open(ws: Workspace, args: Args) {
  const existing = str(args, "channel");
  if (existing) return { channel: channelJson(ws, visibleChannel(ws, existing)) };
  const users = csv(str(args, "users"));
  if (users.length === 0) violate("invalid_arguments", "conversations.open needs `users` or `channel`");
  if (users.length > 1) violate("not_supported", "the emulator does not model group DMs (mpim)");
  const user = knownUser(ws, users[0]);
  const channel = ws.imChannelFor(user.id);
  return bool(args, "return_im") ? { channel: channelJson(ws, channel) } : { channel: { id: channel.id } };
}

/** Bots must be in a channel to read it, even a public one. */
function readableChannel(ws: Workspace, id: string | undefined): ChannelRecord {
  return memberChannel(ws, id);
}

function history(ws: Workspace, args: Args) {
  const channel = readableChannel(ws, str(args, "channel"));
  const limit = Math.min(Math.max(int(args, "limit", 100), 1), 999);
  const inclusive = bool(args, "inclusive");
  const latest = str(args, "latest");
  const oldest = str(args, "oldest");
  const cursorTs = decodeCursor(str(args, "cursor"), "next_ts:");
  const list = ws.topLevel(channel.id);
  // Bounds over the ts-ordered top-level list: [lo, hi) is the window, newest first from hi.
  let hi = latest ? ws.topLevelIndexAfter(channel.id, latest) : list.length;
  if (latest && !inclusive && hi > 0 && list[hi - 1]!.ts === latest) hi -= 1;
  if (cursorTs !== undefined) hi = Math.min(hi, indexAtOrAfter(ws, channel.id, cursorTs));
  let lo = oldest ? ws.topLevelIndexAfter(channel.id, oldest) : 0;
  if (oldest && inclusive && lo > 0 && list[lo - 1]!.ts === oldest) lo -= 1;
  const withMetadata = bool(args, "include_all_metadata");
  const page: Record<string, unknown>[] = [];
  let i = hi - 1;
  for (; i >= lo && page.length < limit; i--) page.push(messageJson(ws, list[i]!, withMetadata));
  const hasMore = i >= lo;
  const last = list[i + 1];
  return {
    messages: page,
    has_more: hasMore,
    pin_count: ws.pinCount(channel.id),
    channel_actions_ts: null,
    channel_actions_count: 0,
    response_metadata: { next_cursor: hasMore && last ? encodeCursor(`next_ts:${last.ts}`) : "" },
  };
}

function indexAtOrAfter(ws: Workspace, channelId: string, ts: string): number {
  const list = ws.topLevel(channelId);
  const after = ws.topLevelIndexAfter(channelId, ts);
  return after > 0 && list[after - 1]!.ts === ts ? after - 1 : after;
}

function replies(ws: Workspace, args: Args) {
  const channel = readableChannel(ws, str(args, "channel"));
  const parent = ws.findMessage(channel.id, requireStr(args, "ts"));
  if (!parent) fail("thread_not_found");
  const root = parent.threadTs === undefined ? parent : ws.findMessage(channel.id, parent.threadTs)!;
  const limit = Math.min(Math.max(int(args, "limit", 1000), 1), 1000);
  const thread: MessageRecord[] = [root];
  for (const ts of root.replies) {
    const reply = ws.findMessage(channel.id, ts);
    if (reply) thread.push(reply);
  }
  const withMetadata = bool(args, "include_all_metadata");
  return {
    messages: thread.slice(0, limit).map((message) => messageJson(ws, message, withMetadata)),
    has_more: thread.length > limit,
    response_metadata: { next_cursor: "" },
  };
}

function list(ws: Workspace, args: Args) {
  const types = new Set(csv(str(args, "types") ?? "public_channel"));
  const excludeArchived = bool(args, "exclude_archived");
  const limit = Math.min(Math.max(int(args, "limit", 100), 1), 1000);
  const bot = ws.identity.botUserId;
  const startId = decodeCursor(str(args, "cursor"), "team:");
  const start = startId === undefined ? 0 : (ws.channelPosition.get(startId) ?? fail("invalid_cursor"));
  const listed = (channel: ChannelRecord): boolean => {
    if (excludeArchived && channel.isArchived) return false;
    if (channel.isIm) return types.has("im");
    if (channel.isPrivate) return types.has("private_channel") && channel.members.has(bot);
    return types.has("public_channel");
  };
  const channels: Record<string, unknown>[] = [];
  let nextCursor = "";
  for (let i = start; i < ws.channelOrder.length; i++) {
    const channel = ws.channelOrder[i]!;
    if (!listed(channel)) continue;
    if (channels.length === limit) {
      nextCursor = encodeCursor(`team:${channel.id}`);
      break;
    }
    channels.push(channelJson(ws, channel, true));
  }
  return { channels, response_metadata: { next_cursor: nextCursor } };
}

function members(ws: Workspace, args: Args) {
  const channel = visibleChannel(ws, str(args, "channel"));
  const limit = Math.min(Math.max(int(args, "limit", 100), 1), 1000);
  const all = [...channel.members];
  const startUser = decodeCursor(str(args, "cursor"), "user:");
  const start = startUser === undefined ? 0 : all.indexOf(startUser);
  if (start < 0) fail("invalid_cursor");
  const page = all.slice(start, start + limit);
  const next = all[start + limit];
  return { members: page, response_metadata: { next_cursor: next ? encodeCursor(`user:${next}`) : "" } };
}

export const conversationMethods: MethodTable = {
  "conversations.create": create,
  "conversations.invite": invite,
  "conversations.setTopic": setText("topic"),
  "conversations.setPurpose": setText("purpose"),
  "conversations.info": info,
  "conversations.archive": archive,
  "conversations.join": join,
  "conversations.open": open,
  "conversations.history": history,
  "conversations.replies": replies,
  "conversations.list": list,
  "conversations.members": members,
};
