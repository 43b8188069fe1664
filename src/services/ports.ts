// What the use cases may ask of the outside world besides the database: read-only lookups
// (people, groups, channel membership, messages). Implemented over Slack in src/slack; the
// use cases never get the gateway, so they cannot post, invite or open views themselves —
// those go through the outbox after commit.

export interface DirectoryUser {
  id: string;
  name: string;
  /** IANA time zone ("UTC" when unknown). */
  tz: string;
  isBot: boolean;
  /** Profile email, when Slack shares it (users:read.email): how pagers reach a person. */
  email?: string;
}

/** A message the bot was told about (a reaction names only channel and ts). */
export interface ChatMessage {
  ts: string;
  text: string;
  userId: string | null;
  botId: string | null;
  /** The parent's ts when the message is a reply in a thread. */
  threadTs: string | null;
}

export interface Directory {
  /** A person's name and time zone (cached; never fails: unknown people read as their id). */
  user(userId: string): Promise<DirectoryUser>;
  /** Names of many people at once. */
  names(userIds: Iterable<string>): Promise<Map<string, string>>;
  /** Members of a user group (cached for a few minutes). */
  groupMembers(groupId: string): Promise<string[]>;
  /** Members of a channel, as Slack has them now. */
  channelMembers(channelId: string): Promise<string[]>;
  /**
   * Members of a channel as the bot last knew them: at most a couple of minutes old and kept
   * current by join/leave events and the bot's invites. For lists, where asking Slack once per
   * private incident per view would not scale. Fails (never guesses) when Slack cannot answer.
   */
  knownChannelMembers(channelId: string): Promise<string[]>;
  /** One message, top-level or in a thread; null when Slack does not have it. */
  message(channelId: string, ts: string): Promise<ChatMessage | null>;
  /** A link to one message (https only), or null. */
  permalink(channelId: string, ts: string): Promise<string | null>;
}
