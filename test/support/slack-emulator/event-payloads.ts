// Events API bodies as Slack sends them (payloads/*.event_callback.json): the envelope and
// the inner events the driver offers builders for, filled in from the emulator's state.
import { randomBytes } from "node:crypto";
import type { SlackEmulator } from "./emulator.ts";
import { VERIFICATION_TOKEN } from "./interaction-payloads.ts";
import type { ChannelRecord, MessageRecord } from "./types.ts";

/** Random, not a counter: apps dedupe on event_id, and several drivers may feed one app. */
export function newEventId(): string {
  return `Ev${randomBytes(8).toString("hex").toUpperCase().slice(0, 10)}`;
}

export function eventEnvelope(
  emulator: SlackEmulator,
  event: Record<string, unknown>,
  eventId: string,
  eventTime: number,
): Record<string, unknown> {
  return {
    token: VERIFICATION_TOKEN,
    team_id: emulator.teamId,
    api_app_id: emulator.appId,
    event,
    type: "event_callback",
    event_id: eventId,
    event_time: eventTime,
    authorizations: [
      {
        enterprise_id: null,
        team_id: emulator.teamId,
        user_id: emulator.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}

/** The channel_type events report: im, group (private) or channel. */
export function channelType(channel: ChannelRecord | undefined): string {
  return channel?.isIm ? "im" : channel?.isPrivate ? "group" : "channel";
}

export interface ReactionInput {
  user: string;
  channel: string;
  ts: string;
  reaction?: string;
  /** Default: the author of the message. */
  itemUser?: string;
}

export function reactionEvent(
  emulator: SlackEmulator,
  type: "reaction_added" | "reaction_removed",
  input: ReactionInput,
  reaction: string,
): Record<string, unknown> {
  const event: Record<string, unknown> = { type, user: input.user, reaction };
  const itemUser = input.itemUser ?? emulator.message(input.channel, input.ts)?.user;
  if (itemUser !== undefined) event.item_user = itemUser;
  event.item = {
    type: "message",
    channel: input.channel,
    ts: input.ts,
    channel_type: channelType(emulator.channel(input.channel)),
  };
  return event;
}

export function appHomeOpenedEvent(emulator: SlackEmulator, user: string): Record<string, unknown> {
  const event: Record<string, unknown> = {
    type: "app_home_opened",
    user,
    channel: emulator.imChannelId(user),
    tab: "home",
  };
  const home = emulator.homeView(user);
  if (home) event.view = home.view;
  return event;
}

export function memberJoinedEvent(
  emulator: SlackEmulator,
  input: { user: string; channel: string; inviter?: string },
): Record<string, unknown> {
  const event: Record<string, unknown> = {
    type: "member_joined_channel",
    user: input.user,
    channel: input.channel,
    channel_type: emulator.channel(input.channel)?.isPrivate ? "G" : "C",
    team: emulator.teamId,
  };
  if (input.inviter !== undefined) event.inviter = input.inviter;
  return event;
}

export function messageEvent(emulator: SlackEmulator, message: MessageRecord): Record<string, unknown> {
  const event: Record<string, unknown> = {
    type: "message",
    channel: message.channel,
    user: message.user,
    text: message.text,
    ts: message.ts,
    event_ts: message.ts,
    channel_type: channelType(emulator.channel(message.channel)),
  };
  if (message.threadTs !== undefined) event.thread_ts = message.threadTs;
  if (message.botId !== undefined) event.bot_id = message.botId;
  if (message.subtype !== undefined) event.subtype = message.subtype;
  return event;
}

/** Slack's message_changed event for `message` as it now reads (its `message` is the whole new version). */
export function messageChangedEvent(
  emulator: SlackEmulator,
  message: MessageRecord,
  now: string,
): Record<string, unknown> {
  const { channel, channel_type, event_ts: _eventTs, ...inner } = messageEvent(emulator, message);
  return {
    type: "message",
    subtype: "message_changed",
    hidden: true,
    channel,
    channel_type,
    ts: now,
    event_ts: now,
    message: { ...inner, type: "message", ...(message.edited ? { edited: message.edited } : {}) },
  };
}
