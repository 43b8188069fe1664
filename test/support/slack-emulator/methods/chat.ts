// chat.*: posting, editing, deleting and linking to messages, and ephemeral messages.
import { requireStr, str } from "../args.ts";
import { fail, violate } from "../errors.ts";
import { messageJson } from "../serialize.ts";
import type { Args, MessageRecord } from "../types.ts";
import type { Workspace } from "../workspace.ts";
import { type MethodTable, messageTarget, postableChannel, visibleChannel } from "./access.ts";
import { messageContent } from "./message-content.ts";

function postMessage(ws: Workspace, args: Args) {
  const channel = postableChannel(ws, messageTarget(ws, str(args, "channel")));
  const content = messageContent(args, true);
  const threadTs = str(args, "thread_ts") || undefined;
  if (threadTs !== undefined && !ws.findMessage(channel.id, threadTs)) {
    violate("thread_not_found", `thread_ts ${threadTs} is not a message in ${channel.id}`);
  }
  const message = ws.post(channel.id, {
    text: content.text ?? "",
    user: ws.identity.botUserId,
    botId: ws.identity.botId,
    threadTs,
    blocks: content.blocks,
    metadata: content.metadata,
  });
  return { channel: channel.id, ts: message.ts, message: messageJson(ws, message) };
}

/** A message the bot may change: it must exist and be the bot's own. */
function ownMessage(ws: Workspace, args: Args, tsArg: string, notOwnError: string): MessageRecord {
  const channel = visibleChannel(ws, str(args, "channel"));
  const message = ws.findMessage(channel.id, requireStr(args, tsArg));
  if (!message) fail("message_not_found");
  if (!ws.isOwnMessage(message)) fail(notOwnError);
  return message;
}

function update(ws: Workspace, args: Args) {
  const message = ownMessage(ws, args, "ts", "cant_update_message");
  if (ws.channels.get(message.channel)?.isArchived) fail("is_archived");
  const content = messageContent(args, false);
  if (
    content.text === undefined &&
    content.blocks === undefined &&
    !content.attachments &&
    !content.metadata
  ) {
    violate("no_text", "chat.update needs text, blocks, attachments or metadata");
  }
  if (content.text !== undefined) message.text = content.text;
  if (content.blocks !== undefined) {
    // An empty array removes the blocks, as documented for chat.update.
    if (content.blocks.length === 0) delete message.blocks;
    else message.blocks = ws.withIds(content.blocks);
  }
  if (content.metadata !== undefined) message.metadata = content.metadata;
  message.edited = { user: ws.identity.botUserId, ts: ws.tsClock.next() };
  return { channel: message.channel, ts: message.ts, text: message.text, message: messageJson(ws, message) };
}

function deleteMessage(ws: Workspace, args: Args) {
  const message = ownMessage(ws, args, "ts", "cant_delete_message");
  ws.deleteMessage(message.channel, message.ts);
  return { channel: message.channel, ts: message.ts };
}

function postEphemeral(ws: Workspace, args: Args) {
  const channel = postableChannel(ws, messageTarget(ws, str(args, "channel")));
  const content = messageContent(args, true);
  const user = str(args, "user") ?? "";
  if (!channel.members.has(user)) fail("user_not_in_channel");
  const threadTs = str(args, "thread_ts") || undefined;
  const ts = ws.tsClock.next();
  ws.ephemerals.push({
    ephemeral: true,
    channel: channel.id,
    user,
    ts,
    ...(threadTs !== undefined ? { threadTs } : {}),
    text: content.text ?? "",
    ...(content.blocks !== undefined ? { blocks: ws.withIds(content.blocks) } : {}),
  });
  return { message_ts: ts };
}

function getPermalink(ws: Workspace, args: Args) {
  const channel = visibleChannel(ws, str(args, "channel"));
  const message = ws.findMessage(channel.id, requireStr(args, "message_ts"));
  if (!message) fail("message_not_found");
  return { channel: channel.id, permalink: permalink(ws, message) };
}

export function permalink(ws: Workspace, message: MessageRecord): string {
  const base = `https://${ws.identity.teamDomain}.slack.com/archives/${message.channel}/p${message.ts.replace(".", "")}`;
  return message.threadTs === undefined
    ? base
    : `${base}?thread_ts=${message.threadTs}&cid=${message.channel}`;
}

export const chatMethods: MethodTable = {
  "chat.postMessage": postMessage,
  "chat.update": update,
  "chat.delete": deleteMessage,
  "chat.postEphemeral": postEphemeral,
  "chat.getPermalink": getPermalink,
};
