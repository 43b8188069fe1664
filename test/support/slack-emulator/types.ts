// The records the emulator keeps and hands to tests. They are the emulator's own shapes
// (camelCase, easy to assert on); the Web API JSON Slack would send is built from them in
// serialize.ts.

/** Arguments of one Web API call, with JSON-string fields (blocks, view, files…) decoded. */
export type Args = Record<string, unknown>;

export interface UserRecord {
  id: string;
  name: string;
  realName: string;
  /** IANA time zone, e.g. "Europe/Paris". */
  tz: string;
  isBot: boolean;
  email?: string;
}

export interface UserGroupRecord {
  id: string;
  handle: string;
  users: string[];
}

export interface TopicRecord {
  value: string;
  creator: string;
  lastSet: number;
}

export interface ChannelRecord {
  id: string;
  /** Empty for IM channels, which have no name. */
  name: string;
  isPrivate: boolean;
  isIm: boolean;
  /** The human on the other side of an IM channel. */
  imUser?: string;
  isArchived: boolean;
  /** Unix seconds. */
  created: number;
  creator: string;
  members: Set<string>;
  topic: TopicRecord;
  purpose: TopicRecord;
  bookmarks: BookmarkRecord[];
}

export interface MessageMetadata {
  event_type: string;
  event_payload: unknown;
}

export interface MessageRecord {
  channel: string;
  ts: string;
  /** Set on thread replies only (never on the parent, unlike Slack's JSON). */
  threadTs?: string;
  user?: string;
  botId?: string;
  subtype?: string;
  text: string;
  blocks?: unknown[];
  /** Legacy attachments (alerting tools still post them); seeded messages only. */
  attachments?: unknown[];
  metadata?: MessageMetadata;
  /** Reaction name → ids of the users who reacted, in reaction order. */
  reactions: Map<string, string[]>;
  pinned: boolean;
  edited?: { user: string; ts: string };
  files?: FileRecord[];
  /** Thread parents only: ts of the replies, oldest first. */
  replies: string[];
}

export interface EphemeralRecord {
  ephemeral: true;
  channel: string;
  /** The only user who sees it. */
  user: string;
  ts: string;
  threadTs?: string;
  text: string;
  blocks?: unknown[];
}

export interface ViewRecord {
  id: string;
  type: "modal" | "home";
  /** The user the view is shown to. */
  user: string;
  /** The full view object as Slack returns it from views.* (id, hash, blocks, state…). */
  view: Record<string, unknown>;
  hash: string;
  rootViewId: string;
  previousViewId?: string;
  externalId?: string;
  /** False once the user submitted or the app cleared it. */
  open: boolean;
  /** Field errors from the last `response_action: "errors"` answer to a submission. */
  errors?: Record<string, string>;
}

export interface FileRecord {
  id: string;
  filename: string;
  title: string;
  /** Length announced in files.getUploadURLExternal. */
  length: number;
  /** Bytes received on the upload URL; undefined until uploaded. */
  bytes?: Buffer;
  completed: boolean;
  /** Channels the file was shared into. */
  channels: string[];
  user: string;
  created: number;
}

export interface CanvasRecord {
  id: string;
  title?: string;
  markdown: string;
  channelId?: string;
  created: number;
}

export interface BookmarkRecord {
  id: string;
  channelId: string;
  title: string;
  type: string;
  link?: string;
  emoji?: string;
  created: number;
}

export interface CallRecord {
  method: string;
  args: Args;
  ok: boolean;
  error?: string;
  /** Wall-clock ms when the emulator handled the call. */
  at: number;
  /**
   * Wall-clock ms when its request reached the emulator, before the emulator parsed, checked
   * (Block Kit schema included) and handled it: when Slack received the call, without the
   * emulator's own work or its queue. Equal to `at` for what is recorded as it arrives.
   */
  receivedAt: number;
  /** Set when the call was answered 429: by the tier limits (`setRateLimits`) or an injected fault. */
  rateLimited?: { by: "tier" | "fault"; retryAfterSeconds: number };
}

/** A call Slack would have rejected because the app broke one of Slack's rules. */
export interface Violation {
  method: string;
  args: Args;
  error: string;
  reason: string;
  at: number;
}

export type FaultKind = "rate_limited" | "server_error" | "delay" | "network";

export interface FaultOptions {
  /**
   * Web API method name or pattern; all Web API methods when absent. The response_url and
   * upload endpoints are matched under the names "response_url" and "file_upload".
   */
  method?: string | RegExp;
  kind: FaultKind;
  /** How many matching calls to fault; Infinity allowed. Default 1. */
  times?: number;
  /** For rate_limited. Default 1. */
  retryAfterSeconds?: number;
  /** For delay. Default 1000. */
  delayMs?: number;
}
