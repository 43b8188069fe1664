// The emulated workspace's state: people, channels, messages and their indexes. Method
// handlers and the seeding API both change state only through here, so the invariants
// (unique ids and names, strictly increasing ts, O(1) message lookup) hold in one place.
import { withGeneratedIds } from "./block-ids.ts";
import { fail } from "./errors.ts";
import { compareTs, IdFactory, TsClock } from "./ids.ts";
import type {
  CanvasRecord,
  ChannelRecord,
  EphemeralRecord,
  FileRecord,
  MessageRecord,
  UserGroupRecord,
  UserRecord,
  ViewRecord,
} from "./types.ts";

export interface Identity {
  teamId: string;
  teamName: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  appId: string;
  botName: string;
  botToken: string;
}

interface ChannelStore {
  /** Top-level messages and replies in posting order. */
  all: MessageRecord[];
  /** Top-level messages only, oldest first (ts order = posting order). */
  topLevel: MessageRecord[];
  byTs: Map<string, MessageRecord>;
}

export interface TriggerState {
  user: string;
  issuedAt: number;
  used: boolean;
}

export interface ResponseUrlContext {
  channelId?: string;
  userId?: string;
  /** The message the interaction came from, for replace_original / delete_original. */
  messageTs?: string;
  isEphemeral?: boolean;
}

export interface ResponseUrlState {
  context: ResponseUrlContext;
  bodies: unknown[];
  createdAt: number;
}

export interface NewMessage {
  text: string;
  user?: string;
  botId?: string;
  subtype?: string;
  threadTs?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: MessageRecord["metadata"];
  files?: FileRecord[];
}

export class Workspace {
  readonly ids = new IdFactory();
  readonly tsClock: TsClock;
  readonly identity: Identity;
  /** Base URL of the emulator's HTTP server, set once it listens. */
  baseUrl = "http://127.0.0.1/";

  readonly users = new Map<string, UserRecord>();
  readonly userGroups = new Map<string, UserGroupRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  /** Channels in creation order, and each one's position, for cursor pagination. */
  readonly channelOrder: ChannelRecord[] = [];
  readonly channelPosition = new Map<string, number>();
  readonly channelsByName = new Map<string, ChannelRecord>();
  readonly imByUser = new Map<string, string>();
  readonly #stores = new Map<string, ChannelStore>();
  readonly #pinCounts = new Map<string, number>();
  readonly ephemerals: EphemeralRecord[] = [];

  readonly views = new Map<string, ViewRecord>();
  readonly homeViews = new Map<string, ViewRecord>();
  /** Each user's open modal stack, root first. */
  readonly modalStacks = new Map<string, string[]>();
  readonly viewsByExternalId = new Map<string, string>();
  readonly triggers = new Map<string, TriggerState>();
  readonly responseUrls = new Map<string, ResponseUrlState>();

  readonly files = new Map<string, FileRecord>();
  /** Upload URL token → file id. */
  readonly uploads = new Map<string, string>();
  readonly canvases: CanvasRecord[] = [];

  /**
   * Which letters channel names may use. Slack's reference says "lowercase letters, numbers,
   * hyphens, and underscores" without saying which scripts; workspaces differ, so tests choose.
   */
  readonly channelNameLetters: "ascii" | "any-script";

  constructor(
    readonly now: () => number,
    options: { botToken: string; teamDomain: string; channelNameLetters?: "ascii" | "any-script" },
  ) {
    this.channelNameLetters = options.channelNameLetters ?? "ascii";
    this.tsClock = new TsClock(now);
    this.identity = {
      teamId: this.ids.next("T"),
      teamName: options.teamDomain,
      teamDomain: options.teamDomain,
      botUserId: this.ids.next("U"),
      botId: this.ids.next("B"),
      appId: this.ids.next("A"),
      botName: "incident-bot",
      botToken: options.botToken,
    };
    this.users.set(this.identity.botUserId, {
      id: this.identity.botUserId,
      name: this.identity.botName,
      realName: "Incident Bot",
      tz: "UTC",
      isBot: true,
    });
  }

  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  isBotUser(userId: string): boolean {
    return userId === this.identity.botUserId;
  }

  createChannel(spec: {
    id?: string;
    name: string;
    isPrivate: boolean;
    creator: string;
    members: Iterable<string>;
  }) {
    const id = spec.id ?? this.ids.next("C");
    if (this.channels.has(id)) throw new Error(`channel id ${id} already exists`);
    if (this.channelsByName.has(spec.name)) throw new Error(`channel name ${spec.name} already exists`);
    const channel = this.#register({
      id,
      name: spec.name,
      isPrivate: spec.isPrivate,
      isIm: false,
      isArchived: false,
      created: this.nowSeconds(),
      creator: spec.creator,
      members: new Set(spec.members),
      topic: { value: "", creator: "", lastSet: 0 },
      purpose: { value: "", creator: "", lastSet: 0 },
      bookmarks: [],
    });
    this.channelsByName.set(channel.name, channel);
    return channel;
  }

  /** The IM channel between the bot and `userId`, opened on first use like conversations.open. */
  imChannelFor(userId: string): ChannelRecord {
    const existing = this.imByUser.get(userId);
    if (existing) return this.channels.get(existing)!;
    const channel = this.#register({
      id: this.ids.next("D"),
      name: "",
      isPrivate: true,
      isIm: true,
      imUser: userId,
      isArchived: false,
      created: this.nowSeconds(),
      creator: userId,
      members: new Set([userId, this.identity.botUserId]),
      topic: { value: "", creator: "", lastSet: 0 },
      purpose: { value: "", creator: "", lastSet: 0 },
      bookmarks: [],
    });
    this.imByUser.set(userId, channel.id);
    return channel;
  }

  #register(channel: ChannelRecord): ChannelRecord {
    this.channels.set(channel.id, channel);
    this.channelPosition.set(channel.id, this.channelOrder.length);
    this.channelOrder.push(channel);
    this.#stores.set(channel.id, { all: [], topLevel: [], byTs: new Map() });
    return channel;
  }

  #store(channelId: string): ChannelStore {
    const store = this.#stores.get(channelId);
    if (!store) throw new Error(`no channel ${channelId}`);
    return store;
  }

  /** Appends a message; a `threadTs` naming a reply is moved to that reply's parent, as Slack does. */
  post(channelId: string, message: NewMessage): MessageRecord {
    const store = this.#store(channelId);
    let parent: MessageRecord | undefined;
    if (message.threadTs !== undefined) {
      parent = store.byTs.get(message.threadTs);
      if (parent?.threadTs !== undefined) parent = store.byTs.get(parent.threadTs);
      if (!parent) fail("thread_not_found");
    }
    const record: MessageRecord = {
      channel: channelId,
      ts: this.tsClock.next(),
      text: message.text,
      reactions: new Map(),
      pinned: false,
      replies: [],
    };
    if (parent) record.threadTs = parent.ts;
    if (message.user !== undefined) record.user = message.user;
    if (message.botId !== undefined) record.botId = message.botId;
    if (message.subtype !== undefined) record.subtype = message.subtype;
    if (message.blocks !== undefined) record.blocks = this.withIds(message.blocks);
    if (message.attachments !== undefined) record.attachments = message.attachments;
    if (message.metadata !== undefined) record.metadata = message.metadata;
    if (message.files !== undefined) record.files = message.files;
    store.all.push(record);
    store.byTs.set(record.ts, record);
    if (parent) parent.replies.push(record.ts);
    else store.topLevel.push(record);
    return record;
  }

  /** Pin state goes through here so each channel's pin count stays O(1) to read. */
  setPinned(message: MessageRecord, pinned: boolean): void {
    if (message.pinned === pinned) return;
    message.pinned = pinned;
    this.#pinCounts.set(message.channel, this.pinCount(message.channel) + (pinned ? 1 : -1));
  }

  pinCount(channelId: string): number {
    return this.#pinCounts.get(channelId) ?? 0;
  }

  /** Blocks as Slack stores them: with generated block_ids and action_ids where missing. */
  withIds(blocks: unknown[]): unknown[] {
    return withGeneratedIds(blocks, (length) => this.ids.alnum(length));
  }

  findMessage(channelId: string, ts: string): MessageRecord | undefined {
    return this.#stores.get(channelId)?.byTs.get(ts);
  }

  /** Rare (chat.delete, delete_original), so the linear splice is fine. */
  deleteMessage(channelId: string, ts: string): void {
    const store = this.#store(channelId);
    const message = store.byTs.get(ts);
    if (!message) return;
    this.setPinned(message, false);
    store.byTs.delete(ts);
    store.all.splice(store.all.indexOf(message), 1);
    if (message.threadTs === undefined) {
      store.topLevel.splice(store.topLevel.indexOf(message), 1);
    } else {
      const replies = store.byTs.get(message.threadTs)?.replies;
      if (replies) replies.splice(replies.indexOf(ts), 1);
    }
  }

  allMessages(channelId: string): readonly MessageRecord[] {
    return this.#stores.get(channelId)?.all ?? [];
  }

  topLevel(channelId: string): readonly MessageRecord[] {
    return this.#stores.get(channelId)?.topLevel ?? [];
  }

  /** Index of the first top-level message with ts > `ts` (binary search; ts order = array order). */
  topLevelIndexAfter(channelId: string, ts: string): number {
    const list = this.topLevel(channelId);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareTs(list[mid]!.ts, ts) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  isOwnMessage(message: MessageRecord): boolean {
    return message.botId === this.identity.botId || message.user === this.identity.botUserId;
  }
}
