// The Web API JSON Slack sends for channels, messages, users and files, built from the
// emulator's records (field names and shapes as in Slack's method reference examples).

import type { ChannelRecord, FileRecord, MessageRecord, UserRecord } from "./types.ts";
import { tzLabel, tzOffsetSeconds } from "./tz.ts";
import type { Workspace } from "./workspace.ts";

export function channelJson(ws: Workspace, channel: ChannelRecord, withMemberCount = false) {
  if (channel.isIm) {
    return {
      id: channel.id,
      created: channel.created,
      is_im: true,
      is_org_shared: false,
      user: channel.imUser,
      is_user_deleted: false,
      priority: 0,
    };
  }
  const json: Record<string, unknown> = {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.isPrivate,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: channel.isPrivate,
    created: channel.created,
    is_archived: channel.isArchived,
    is_general: false,
    unlinked: 0,
    name_normalized: channel.name,
    is_shared: false,
    is_org_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: ws.identity.teamId,
    creator: channel.creator,
    is_ext_shared: false,
    shared_team_ids: [ws.identity.teamId],
    is_member: channel.members.has(ws.identity.botUserId),
    topic: { value: channel.topic.value, creator: channel.topic.creator, last_set: channel.topic.lastSet },
    purpose: {
      value: channel.purpose.value,
      creator: channel.purpose.creator,
      last_set: channel.purpose.lastSet,
    },
    previous_names: [],
  };
  if (withMemberCount) json.num_members = channel.members.size;
  return json;
}

export function messageJson(ws: Workspace, message: MessageRecord, withMetadata = true) {
  const json: Record<string, unknown> = { type: "message" };
  if (message.subtype !== undefined) json.subtype = message.subtype;
  json.text = message.text;
  if (message.user !== undefined) json.user = message.user;
  if (message.botId !== undefined) json.bot_id = message.botId;
  if (message.botId === ws.identity.botId) {
    json.app_id = ws.identity.appId;
    json.bot_profile = {
      id: ws.identity.botId,
      app_id: ws.identity.appId,
      name: ws.identity.botName,
      deleted: false,
      team_id: ws.identity.teamId,
    };
  }
  json.ts = message.ts;
  json.team = ws.identity.teamId;
  if (message.blocks !== undefined) json.blocks = message.blocks;
  if (message.attachments !== undefined) json.attachments = message.attachments;
  if (message.threadTs !== undefined) json.thread_ts = message.threadTs;
  if (message.replies.length > 0) {
    json.thread_ts = message.ts;
    json.reply_count = message.replies.length;
    json.latest_reply = message.replies[message.replies.length - 1];
    const repliers = new Set<string>();
    for (const ts of message.replies) {
      const reply = ws.findMessage(message.channel, ts);
      if (reply?.user) repliers.add(reply.user);
    }
    json.reply_users = [...repliers];
    json.reply_users_count = repliers.size;
  }
  if (message.edited) json.edited = { user: message.edited.user, ts: message.edited.ts };
  if (message.reactions.size > 0) {
    json.reactions = [...message.reactions].map(([name, users]) => ({ name, users, count: users.length }));
  }
  if (message.pinned) json.pinned_to = [message.channel];
  if (message.files) json.files = message.files.map((file) => fileJson(ws, file));
  if (withMetadata && message.metadata) json.metadata = message.metadata;
  return json;
}

export function userJson(ws: Workspace, user: UserRecord) {
  const now = ws.now();
  return {
    id: user.id,
    team_id: ws.identity.teamId,
    name: user.name,
    deleted: false,
    real_name: user.realName,
    tz: user.tz,
    tz_label: tzLabel(user.tz, now),
    tz_offset: tzOffsetSeconds(user.tz, now),
    profile: {
      real_name: user.realName,
      display_name: user.name,
      real_name_normalized: user.realName,
      display_name_normalized: user.name,
      email: user.email,
      team: ws.identity.teamId,
    },
    is_admin: false,
    is_owner: false,
    is_bot: user.isBot,
    is_app_user: false,
    updated: ws.nowSeconds(),
  };
}

export function fileJson(ws: Workspace, file: FileRecord) {
  const base = ws.baseUrl.replace(/\/$/, "");
  return {
    id: file.id,
    created: file.created,
    timestamp: file.created,
    name: file.filename,
    title: file.title,
    mimetype: "application/octet-stream",
    filetype: file.filename.includes(".") ? file.filename.split(".").pop() : "binary",
    user: file.user,
    size: file.bytes?.length ?? file.length,
    is_public: file.channels.some((id) => !ws.channels.get(id)?.isPrivate),
    url_private: `${base}/files-pri/${ws.identity.teamId}-${file.id}/${encodeURIComponent(file.filename)}`,
    permalink: `https://${ws.identity.teamDomain}.slack.com/files/${file.user}/${file.id}/${encodeURIComponent(file.filename)}`,
    channels: file.channels.filter((id) => !ws.channels.get(id)?.isPrivate),
    groups: file.channels.filter((id) => ws.channels.get(id)?.isPrivate),
  };
}
