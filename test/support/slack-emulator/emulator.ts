// The SlackEmulator facade: seeding, the hooks the request driver needs (triggers,
// response_urls, submission answers), inspection for tests, and fault injection.
import { SlackApiError } from "./errors.ts";
import { FaultSet } from "./faults.ts";
import { addReaction, removeReaction } from "./methods/items.ts";
import { RateLimiter, type RateLimitSetting, rateLimitTable } from "./rate-limits.ts";
import { Recorder } from "./recorder.ts";
import { createResponseUrl } from "./response-urls.ts";
import { messageJson } from "./serialize.ts";
import { EmulatorServer } from "./server.ts";
import { SocketModeHub } from "./socket-mode.ts";
import { applySubmissionAnswer } from "./submissions.ts";
import type {
  CallRecord,
  CanvasRecord,
  ChannelRecord,
  EphemeralRecord,
  FaultOptions,
  FileRecord,
  MessageRecord,
  UserGroupRecord,
  UserRecord,
  ViewRecord,
  Violation,
} from "./types.ts";
import { assertTimeZone } from "./tz.ts";
import { type ResponseUrlContext, Workspace } from "./workspace.ts";

export interface SlackEmulatorOptions {
  botToken?: string;
  teamDomain?: string;
  /** Wall clock in ms (trigger expiry, ts, response_url expiry). Default Date.now. */
  now?: () => number;
  /** Keep at least this many of the newest calls in `calls` (long demo/benchmark runs). Default: all. */
  maxRecordedCalls?: number;
  /** Letters allowed in channel names: a-z only (default), or lowercase letters of any script. */
  channelNameLetters?: "ascii" | "any-script";
  /** Slack's per-method rate limits: "off" (default), "slack-tiers", or a table. See setRateLimits. */
  rateLimits?: RateLimitSetting;
}

export interface AddUserInput {
  id?: string;
  name: string;
  realName?: string;
  /** IANA zone; default "UTC". */
  tz?: string;
  isBot?: boolean;
  email?: string;
}

export interface AddChannelInput {
  id?: string;
  name: string;
  isPrivate?: boolean;
  members?: string[];
  /** Default true: most tests seed channels the bot already works in. */
  botIsMember?: boolean;
}

export class SlackEmulator {
  readonly url: string;
  readonly apiUrl: string;
  readonly botToken: string;
  readonly teamId: string;
  readonly teamDomain: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  readonly #ws: Workspace;
  readonly #recorder: Recorder;
  readonly #faults: FaultSet;
  readonly #server: EmulatorServer;
  readonly #now: () => number;
  /** Socket Mode: the app-level token to give the bot, and the envelopes to send it. */
  readonly socketMode: SocketModeHub;
  #triggerSeq = 0;

  private constructor(
    ws: Workspace,
    recorder: Recorder,
    faults: FaultSet,
    server: EmulatorServer,
    url: string,
    socketMode: SocketModeHub,
    now: () => number,
  ) {
    this.#now = now;
    this.socketMode = socketMode;
    this.#ws = ws;
    this.#recorder = recorder;
    this.#faults = faults;
    this.#server = server;
    this.url = url;
    this.apiUrl = `${url}api/`;
    this.botToken = ws.identity.botToken;
    this.teamId = ws.identity.teamId;
    this.teamDomain = ws.identity.teamDomain;
    this.botUserId = ws.identity.botUserId;
    this.botId = ws.identity.botId;
    this.appId = ws.identity.appId;
  }

  static async start(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
    const now = options.now ?? Date.now;
    const ws = new Workspace(now, {
      botToken: options.botToken ?? "xoxb-emulated-token",
      teamDomain: options.teamDomain ?? "emulated",
      ...(options.channelNameLetters ? { channelNameLetters: options.channelNameLetters } : {}),
    });
    const recorder = new Recorder(now, options.maxRecordedCalls);
    const faults = new FaultSet();
    const socketMode = new SocketModeHub("xapp-1-emulated-app-token", ws.identity.appId);
    const server = new EmulatorServer(ws, recorder, faults, socketMode);
    ws.baseUrl = await server.listen();
    const emulator = new SlackEmulator(ws, recorder, faults, server, ws.baseUrl, socketMode, now);
    if (options.rateLimits !== undefined) emulator.setRateLimits(options.rateLimits);
    SlackEmulator.#started.add(emulator);
    return emulator;
  }

  static #started = new Set<SlackEmulator>();

  /**
   * Every emulator started in this process and not yet forgotten: the e2e setup reads their
   * violations after each test, so a payload Slack would refuse fails the test that sent it.
   */
  static started(): readonly SlackEmulator[] {
    return [...SlackEmulator.#started];
  }

  /** Drops a stopped emulator from `started()` once its violations have been read. */
  static forget(emulator: SlackEmulator): void {
    SlackEmulator.#started.delete(emulator);
  }

  /** True once `stop()` was called. */
  stopped = false;

  stop(): Promise<void> {
    this.stopped = true;
    return this.#server.close();
  }

  // ── Seeding ────────────────────────────────────────────────────────────────

  addUser(input: AddUserInput): UserRecord {
    const id = input.id ?? this.#ws.ids.next("U");
    if (this.#ws.users.has(id)) throw new Error(`user ${id} already exists`);
    const tz = input.tz ?? "UTC";
    assertTimeZone(tz);
    const user: UserRecord = {
      id,
      name: input.name,
      realName: input.realName ?? input.name,
      tz,
      isBot: input.isBot ?? false,
    };
    if (input.email !== undefined) user.email = input.email;
    this.#ws.users.set(id, user);
    return user;
  }

  addUserGroup(input: { id?: string; handle: string; users: string[] }): UserGroupRecord {
    for (const user of input.users) this.#requireUser(user);
    const group = { id: input.id ?? this.#ws.ids.next("S"), handle: input.handle, users: [...input.users] };
    this.#ws.userGroups.set(group.id, group);
    return group;
  }

  addChannel(input: AddChannelInput): ChannelRecord {
    const members = new Set(input.members ?? []);
    for (const user of members) this.#requireUser(user);
    if (input.botIsMember ?? true) members.add(this.botUserId);
    const creator = input.members?.[0] ?? this.botUserId;
    return this.#ws.createChannel({
      ...(input.id !== undefined ? { id: input.id } : {}),
      name: input.name,
      isPrivate: input.isPrivate ?? false,
      creator,
      members,
    });
  }

  /** A message written by a human member of the channel. */
  postAsUser(
    channelId: string,
    userId: string,
    text: string,
    options: { threadTs?: string } = {},
  ): MessageRecord {
    const channel = this.#requireChannel(channelId);
    this.#requireUser(userId);
    if (!channel.members.has(userId))
      throw new Error(`${userId} is not a member of ${channelId}; add them first`);
    return this.#seed(() => this.#ws.post(channelId, { text, user: userId, threadTs: options.threadTs }));
  }

  /** A message written by another app's bot (not this bot). */
  postAsBot(
    channelId: string,
    botId: string,
    text: string,
    content: { blocks?: unknown[]; attachments?: unknown[] } = {},
  ): MessageRecord {
    this.#requireChannel(channelId);
    return this.#seed(() => this.#ws.post(channelId, { text, botId, subtype: "bot_message", ...content }));
  }

  /** A human adding a reaction (what the driver's reactionAdded reports to the bot). */
  react(channelId: string, ts: string, userId: string, name: string): void {
    const message = this.#requireMessage(channelId, ts);
    this.#seed(() => addReaction(message, name, userId));
  }

  unreact(channelId: string, ts: string, userId: string, name: string): void {
    removeReaction(this.#requireMessage(channelId, ts), name, userId);
  }

  /** A human joining a channel (what the driver's memberJoined reports to the bot). */
  joinChannel(channelId: string, userId: string): void {
    this.#requireUser(userId);
    this.#requireChannel(channelId).members.add(userId);
  }

  // ── Hooks for the request driver ───────────────────────────────────────────

  /** A single-use trigger_id for `userId`, valid for 3 s of wall-clock time. */
  issueTrigger(userId: string): string {
    this.#requireUser(userId);
    this.#triggerSeq += 1;
    const ws = this.#ws;
    const trigger = `${ws.nowSeconds()}${String(this.#triggerSeq).padStart(3, "0")}.${Number.parseInt(ws.ids.hex(8), 16)}.${ws.ids.hex(32)}`;
    ws.triggers.set(trigger, { user: userId, issuedAt: ws.now(), used: false });
    return trigger;
  }

  /** An absolute response_url on the emulator; `context` says what replace/in_channel/ephemeral act on. */
  createResponseUrl(context: ResponseUrlContext = {}): string {
    return createResponseUrl(this.#ws, context);
  }

  /** The JSON bodies accepted at a response_url, in order. */
  responsesTo(responseUrl: string): unknown[] {
    const id = responseUrl.slice(`${this.url}respond/`.length);
    return [...(this.#ws.responseUrls.get(id)?.bodies ?? [])];
  }

  /** Applies the app's answer to a view_submission (close, errors, update, push, clear). */
  answerSubmission(viewId: string, answer: unknown): void {
    const record = this.#ws.views.get(viewId);
    if (!record) throw new Error(`no modal view ${viewId}`);
    try {
      applySubmissionAnswer(this.#ws, record, answer);
    } catch (error) {
      if (!(error instanceof SlackApiError) || error.violation === undefined) throw error;
      const args = typeof answer === "object" && answer !== null ? (answer as Record<string, unknown>) : {};
      this.#recorder.violation("view_submission", args, error.code, error.violation);
    }
  }

  /** The user dismissing a modal (✕ or Cancel). */
  closeView(viewId: string): void {
    const record = this.#ws.views.get(viewId);
    if (!record) throw new Error(`no modal view ${viewId}`);
    record.open = false;
  }

  /** The IM channel id between the bot and `userId` (opened on first use). */
  imChannelId(userId: string): string {
    this.#requireUser(userId);
    return this.#ws.imChannelFor(userId).id;
  }

  // ── Inspection ─────────────────────────────────────────────────────────────

  get calls(): readonly CallRecord[] {
    return this.#recorder.calls;
  }

  callsTo(method: string): CallRecord[] {
    return this.#recorder.callsTo(method);
  }

  get violations(): readonly Violation[] {
    return this.#recorder.violations;
  }

  user(id: string): UserRecord | undefined {
    return this.#ws.users.get(id);
  }

  channel(id: string): ChannelRecord | undefined {
    return this.#ws.channels.get(id);
  }

  channelByName(name: string): ChannelRecord | undefined {
    return this.#ws.channelsByName.get(name.replace(/^#/, ""));
  }

  /** Every channel and IM, in creation order. */
  channels(): ChannelRecord[] {
    return [...this.#ws.channelOrder];
  }

  /** Top-level messages and thread replies in posting order (live records: edits show up). */
  messages(channelId: string): MessageRecord[] {
    this.#requireChannel(channelId);
    return [...this.#ws.allMessages(channelId)];
  }

  message(channelId: string, ts: string): MessageRecord | undefined {
    return this.#ws.findMessage(channelId, ts);
  }

  /** A message as Slack's JSON, as in conversations.history and interaction payloads. */
  messageJson(channelId: string, ts: string): Record<string, unknown> | undefined {
    const message = this.#ws.findMessage(channelId, ts);
    return message ? messageJson(this.#ws, message, false) : undefined;
  }

  ephemerals(channelId?: string): EphemeralRecord[] {
    const all = this.#ws.ephemerals;
    return channelId === undefined ? [...all] : all.filter((e) => e.channel === channelId);
  }

  /** Modal views ever opened or pushed, in order (updates change a record in place). */
  get views(): ViewRecord[] {
    return [...this.#ws.views.values()];
  }

  view(id: string): ViewRecord | undefined {
    return this.#ws.views.get(id) ?? [...this.#ws.homeViews.values()].find((home) => home.id === id);
  }

  homeView(userId: string): ViewRecord | undefined {
    return this.#ws.homeViews.get(userId);
  }

  files(): FileRecord[] {
    return [...this.#ws.files.values()];
  }

  canvases(): CanvasRecord[] {
    return [...this.#ws.canvases];
  }

  /** Messages the bot posted in its IM with `userId`. */
  dms(userId: string): MessageRecord[] {
    const channelId = this.#ws.imByUser.get(userId);
    if (!channelId) return [];
    return this.#ws.allMessages(channelId).filter((message) => this.#ws.isOwnMessage(message));
  }

  // ── Faults ─────────────────────────────────────────────────────────────────

  injectFault(options: FaultOptions): void {
    this.#faults.add(options);
  }

  clearFaults(): void {
    this.#faults.clear();
  }

  // ── Rate limits ────────────────────────────────────────────────────────────

  /**
   * Turns Slack's per-method limits on ("slack-tiers", or a table of your own) or off. Calls
   * over a limit are answered HTTP 429 with Retry-After and recorded with `rateLimited`.
   * Buckets start full. The limiter runs on the emulator's clock unless `clock.now` is given
   * (e.g. a benchmark replaying at accelerated simulated time).
   */
  setRateLimits(setting: RateLimitSetting, clock: { now?: () => number } = {}): void {
    const table = rateLimitTable(setting);
    this.#server.rateLimiter = table ? new RateLimiter(table, clock.now ?? this.#now) : undefined;
  }

  /**
   * Calls answered 429 by method: by the tier limits (default) or by injected faults.
   * Counted apart from `calls`, so `maxRecordedCalls` trimming does not lose any.
   */
  rateLimitedCounts(by: "tier" | "fault" = "tier"): Map<string, number> {
    return new Map(this.#recorder.rateLimitedByMethod[by]);
  }

  /** Calls answered 429 by the tier limits (not injected faults) among the recorded calls. */
  tierLimitedCalls(method?: string): CallRecord[] {
    const calls = method === undefined ? this.#recorder.calls : this.#recorder.callsTo(method);
    return calls.filter((call) => call.rateLimited?.by === "tier");
  }

  // ── Internals ──────────────────────────────────────────────────────────────

  #requireUser(id: string): UserRecord {
    const user = this.#ws.users.get(id);
    if (!user) throw new Error(`unknown user ${id}; seed it with addUser first`);
    return user;
  }

  #requireChannel(id: string): ChannelRecord {
    const channel = this.#ws.channels.get(id);
    if (!channel) throw new Error(`unknown channel ${id}`);
    return channel;
  }

  #requireMessage(channelId: string, ts: string): MessageRecord {
    const message = this.#ws.findMessage(channelId, ts);
    if (!message) throw new Error(`no message ${ts} in ${channelId}`);
    return message;
  }

  /** Seeding mistakes throw plain Errors with the Slack code, not API answers. */
  #seed<T>(action: () => T): T {
    try {
      return action();
    } catch (error) {
      if (error instanceof SlackApiError) throw new Error(`seeding failed: ${error.message}`);
      throw error;
    }
  }
}
