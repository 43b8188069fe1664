// The only place that calls Slack's Web API. Callers get typed results and errors already
// sorted into "try again later" (rate limits, 5xx, network) and "will never work".
import { ErrorCode, type WebAPICallResult, WebClient } from "@slack/web-api";

/** What a Web API method answers: callers outside this module name it through here. */
export type { WebAPICallResult };

import type { Clock } from "../clock/clock.ts";
import type { Logger } from "../log/logger.ts";
import { boltLogger } from "../log/logger.ts";
import { currentDeliveryCalls } from "./pacing/delivery-calls.ts";
import { KNOWN_LIMITS } from "./pacing/known-tiers.ts";
import { SlackPacer } from "./pacing/pacer.ts";
import { responseUrlPolicy } from "./response-urls.ts";

export type SlackFailure =
  /** `paced`: not sent at all; the bot's own pacing (src/slack/pacing) put it off. */
  | { kind: "rate_limited"; retryAfterMs: number; method: string; paced?: boolean }
  | { kind: "transient"; reason: string; method: string }
  | { kind: "permanent"; error: string; method: string };

export class SlackCallError extends Error {
  constructor(readonly failure: SlackFailure) {
    super(
      failure.kind === "permanent"
        ? `${failure.method}: ${failure.error}`
        : failure.kind === "rate_limited"
          ? `${failure.method}: rate limited for ${failure.retryAfterMs} ms`
          : `${failure.method}: ${failure.reason}`,
    );
    this.name = "SlackCallError";
  }

  /** The Slack error code (`name_taken`, `channel_not_found`…) of a permanent failure. */
  get slackError(): string | undefined {
    return this.failure.kind === "permanent" ? this.failure.error : undefined;
  }
}

/** conversations.invite: "Invites 1-1000 users" per call (method reference). */
const INVITES_PER_CALL = 1000;

interface InviteError {
  user?: string;
  error?: string;
}

/** Errors about the people invited, not the channel or the call: nobody to invite, no retry. */
const PERSON_ERRORS = new Set([
  "user_not_found",
  "cant_invite_self",
  "cant_invite",
  "user_is_restricted",
  "user_is_ultra_restricted",
  "user_disabled",
  "ura_max_channels",
  "no_user",
]);

function refusedIn(errors: InviteError[] | undefined): string[] {
  return (errors ?? []).flatMap((e) => (e.user && e.error !== "already_in_channel" ? [e.user] : []));
}

// Errors Slack documents as "try again": internal trouble on their side.
const TRANSIENT_SLACK_ERRORS = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
]);

export function classifySlackError(method: string, error: unknown): SlackFailure {
  const e = error as {
    code?: string;
    retryAfter?: number;
    statusCode?: number;
    data?: { error?: string };
    message?: string;
  };
  switch (e?.code) {
    case ErrorCode.RateLimitedError:
      return { kind: "rate_limited", retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000, method };
    case ErrorCode.RequestError:
      return { kind: "transient", reason: `network: ${e.message ?? "request failed"}`, method };
    case ErrorCode.HTTPError:
      return (e.statusCode ?? 500) >= 500 || e.statusCode === 408
        ? { kind: "transient", reason: `HTTP ${e.statusCode}`, method }
        : { kind: "permanent", error: `http_${e.statusCode}`, method };
    case ErrorCode.PlatformError: {
      const slackError = e.data?.error ?? "unknown_error";
      return TRANSIENT_SLACK_ERRORS.has(slackError)
        ? { kind: "transient", reason: slackError, method }
        : { kind: "permanent", error: slackError, method };
    }
    default:
      return { kind: "transient", reason: e?.message ?? String(error), method };
  }
}

/** Pages of 200 read when looking for an earlier post (2,000 messages). */
const MAX_HISTORY_PAGES = 10;

export interface GatewayOptions {
  token: string;
  apiUrl: string;
  logger: Logger;
  clock: Clock;
  /** Per-call timeout; the outbox retries, so a call should fail fast rather than hang. */
  timeoutMs?: number;
  /** Told about every call sent to Slack and every failure (metrics); never given arguments. */
  observer?: GatewayObserver;
  /**
   * Paces outbox calls to Slack's rate limits (default: the known tiers on `clock`); false:
   * only Retry-After holds, nothing paced ahead of a 429.
   */
  pacer?: SlackPacer | false;
}

export interface GatewayObserver {
  call(method: string): void;
  failed(method: string, kind: SlackFailure["kind"]): void;
}

export interface PostedMessage {
  channel: string;
  ts: string;
}

export interface SlackUser {
  id: string;
  name: string;
  tz: string;
  isBot: boolean;
  /** Profile email (needs users:read.email); how pagers reach a person. */
  email?: string;
}

export interface HistoryMessage {
  ts: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

export interface Gateway {
  call<T extends WebAPICallResult = WebAPICallResult>(
    method: string,
    args: Record<string, unknown>,
  ): Promise<T>;
  authTest(): Promise<{ userId: string; botId: string; teamId: string; url: string }>;
  /** `creator` (the bot) is the new channel's one member. */
  createChannel(name: string, isPrivate: boolean): Promise<{ id: string; name: string; creator?: string }>;
  /** An unarchived channel with this exact name, with who created it (a user ID). */
  findChannelByName(name: string): Promise<{ id: string; name: string; creator: string } | undefined>;
  setTopic(channel: string, topic: string): Promise<void>;
  setPurpose(channel: string, purpose: string): Promise<void>;
  /**
   * Invites in calls of up to 1000 with `force`, so one unknown or deactivated person does not
   * keep the rest out; answers who Slack refused (already-members are not refused).
   */
  invite(channel: string, users: string[]): Promise<{ refused: string[] }>;
  archive(channel: string): Promise<void>;
  channelMembers(channel: string): Promise<string[]>;
  postMessage(args: {
    channel: string;
    text: string;
    blocks?: unknown[];
    threadTs?: string;
    metadata?: { event_type: string; event_payload: Record<string, unknown> };
    broadcast?: boolean;
  }): Promise<PostedMessage>;
  updateMessage(args: { channel: string; ts: string; text: string; blocks?: unknown[] }): Promise<void>;
  postEphemeral(args: { channel: string; user: string; text: string; blocks?: unknown[] }): Promise<void>;
  /** The channel's top-level messages since `oldest` (a Slack ts), with their metadata. */
  recentMessages(channel: string, oldest: string): Promise<HistoryMessage[]>;
  /** The replies in the thread under `threadTs` since `oldest`, with their metadata. */
  threadReplies(channel: string, threadTs: string, oldest: string): Promise<HistoryMessage[]>;
  /** The id of the bot's direct-message channel with a user (opened if need be). */
  openDm(userId: string): Promise<string>;
  pin(channel: string, ts: string): Promise<void>;
  addReaction(channel: string, ts: string, name: string): Promise<void>;
  addBookmark(channel: string, title: string, link: string): Promise<void>;
  userInfo(userId: string): Promise<SlackUser>;
  userGroupMembers(groupId: string): Promise<string[]>;
  openView(triggerId: string, view: unknown): Promise<{ id: string }>;
  pushView(triggerId: string, view: unknown): Promise<{ id: string }>;
  updateView(viewId: string, view: unknown): Promise<void>;
  publishHome(userId: string, view: unknown): Promise<void>;
  /** Uploads a file, and any `alongside` files, in one message with the comment. */
  uploadFile(args: {
    channel: string;
    filename: string;
    title: string;
    content: string;
    comment: string;
    alongside?: { filename: string; title: string; content: string }[];
  }): Promise<void>;
  createCanvas(args: { channel: string; title: string; markdown: string }): Promise<{ id: string }>;
  /** A canvas of the channel with this exact title (files.list, types=canvas), or null. */
  findCanvas(args: { channel: string; title: string }): Promise<{ id: string } | null>;
  respond(responseUrl: string, body: Record<string, unknown>): Promise<void>;
}

export function createGateway(options: GatewayOptions): Gateway {
  const observer = options.observer;
  /** Every request that reaches Slack is counted here, and every failure with its kind. */
  async function observed<T>(method: string, send: () => Promise<T>): Promise<T> {
    observer?.call(method);
    try {
      return await send();
    } catch (error) {
      const failure = error instanceof SlackCallError ? error.failure : classifySlackError(method, error);
      observer?.failed(method, failure.kind);
      throw error;
    }
  }
  const isSlackResponseUrl = responseUrlPolicy(options.apiUrl);
  const client = new WebClient(options.token, {
    slackApiUrl: options.apiUrl,
    logger: boltLogger(options.logger),
    // The outbox owns retries (with the app's clock, durably); the SDK must not retry on its own.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 10_000,
  });

  // Rate limits are per method and workspace (per channel for chat.postMessage): outbox calls
  // are paced to the known tiers, and after a 429 every caller of that method (in that
  // channel) waits out Retry-After instead of asking again.
  const clockMs = () => options.clock.now().getTime();
  const pacer = options.pacer || new SlackPacer(options.pacer === false ? new Map() : KNOWN_LIMITS, clockMs);

  async function call<T extends WebAPICallResult = WebAPICallResult>(
    method: string,
    args: Record<string, unknown>,
  ): Promise<T> {
    const channel = typeof args.channel === "string" ? args.channel : undefined;
    const delivery = currentDeliveryCalls();
    const mode = delivery ? (delivery.bulk ? "bulk" : "urgent") : "unpaced";
    const wait = pacer.take(method, channel, mode);
    if (wait > 0) throw new SlackCallError({ kind: "rate_limited", retryAfterMs: wait, method, paced: true });
    if (delivery) delivery.sent += 1;
    try {
      return (await observed(method, () => client.apiCall(method, args))) as T;
    } catch (error) {
      const failure = classifySlackError(method, error);
      if (failure.kind === "rate_limited") pacer.hold(method, channel, failure.retryAfterMs);
      throw new SlackCallError(failure);
    }
  }

  /** Calls whose failure with one of `ok` errors means the wanted state already holds. */
  async function idempotent(method: string, args: Record<string, unknown>, ok: string[]): Promise<void> {
    try {
      await call(method, args);
    } catch (error) {
      if (error instanceof SlackCallError && ok.includes(error.slackError ?? "")) return;
      throw error;
    }
  }

  // A bounded read of a channel's (or thread's) messages since a ts: enough pages for a day of
  // a busy incident channel, never an unbounded walk.
  async function pagedMessages(
    method: "conversations.history" | "conversations.replies",
    args: Record<string, unknown>,
  ): Promise<HistoryMessage[]> {
    const messages: HistoryMessage[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
      const r = await call<
        { messages?: HistoryMessage[]; response_metadata?: { next_cursor?: string } } & WebAPICallResult
      >(method, { ...args, inclusive: true, limit: 200, include_all_metadata: true, cursor });
      messages.push(...(r.messages ?? []));
      cursor = r.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    return messages;
  }

  return {
    call,
    async authTest() {
      const r = await call<
        { user_id?: string; bot_id?: string; team_id?: string; url?: string } & WebAPICallResult
      >("auth.test", {});
      return { userId: r.user_id ?? "", botId: r.bot_id ?? "", teamId: r.team_id ?? "", url: r.url ?? "" };
    },
    async createChannel(name, isPrivate) {
      const r = await call<{ channel?: { id?: string; name?: string; creator?: string } } & WebAPICallResult>(
        "conversations.create",
        {
          name,
          is_private: isPrivate,
        },
      );
      return {
        id: r.channel?.id ?? "",
        name: r.channel?.name ?? name,
        ...(r.channel?.creator ? { creator: r.channel.creator } : {}),
      };
    },
    async findChannelByName(name) {
      let cursor: string | undefined;
      do {
        const r = await call<
          {
            channels?: { id?: string; name?: string; creator?: string }[];
            response_metadata?: { next_cursor?: string };
          } & WebAPICallResult
        >("conversations.list", {
          types: "public_channel,private_channel",
          exclude_archived: true,
          limit: 1000,
          cursor,
        });
        const found = r.channels?.find((c) => c.name === name);
        if (found?.id) return { id: found.id, name, creator: found.creator ?? "" };
        cursor = r.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return undefined;
    },
    async setTopic(channel, topic) {
      await call("conversations.setTopic", { channel, topic });
    },
    async setPurpose(channel, purpose) {
      await call("conversations.setPurpose", { channel, purpose });
    },
    async invite(channel, users) {
      const refused: string[] = [];
      for (let i = 0; i < users.length; i += INVITES_PER_CALL) {
        const batch = users.slice(i, i + INVITES_PER_CALL);
        try {
          const answer = await call<{ errors?: InviteError[] } & WebAPICallResult>("conversations.invite", {
            channel,
            users: batch.join(","),
            force: true,
          });
          refused.push(...refusedIn(answer.errors));
        } catch (error) {
          if (!(error instanceof SlackCallError)) throw error;
          if (error.slackError === "already_in_channel") continue;
          // Every one of them refused (e.g. a lone unknown ID): theirs to report, not a retry.
          if (error.slackError && PERSON_ERRORS.has(error.slackError)) {
            refused.push(...batch);
            continue;
          }
          throw error;
        }
      }
      return { refused };
    },
    async channelMembers(channel) {
      const members: string[] = [];
      let cursor: string | undefined;
      do {
        const r = await call<
          { members?: string[]; response_metadata?: { next_cursor?: string } } & WebAPICallResult
        >("conversations.members", { channel, limit: 1000, cursor });
        members.push(...(r.members ?? []));
        cursor = r.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return members;
    },
    async archive(channel) {
      await idempotent("conversations.archive", { channel }, ["already_archived"]);
    },
    async postMessage(args) {
      const r = await call<{ channel?: string; ts?: string } & WebAPICallResult>("chat.postMessage", {
        channel: args.channel,
        text: args.text,
        blocks: args.blocks,
        thread_ts: args.threadTs,
        reply_broadcast: args.broadcast || undefined,
        metadata: args.metadata,
        unfurl_links: false,
        unfurl_media: false,
      });
      return { channel: r.channel ?? args.channel, ts: r.ts ?? "" };
    },
    async updateMessage(args) {
      await call("chat.update", { channel: args.channel, ts: args.ts, text: args.text, blocks: args.blocks });
    },
    async postEphemeral(args) {
      await call("chat.postEphemeral", {
        channel: args.channel,
        user: args.user,
        text: args.text,
        blocks: args.blocks,
      });
    },
    recentMessages: (channel, oldest) => pagedMessages("conversations.history", { channel, oldest }),
    threadReplies: (channel, threadTs, oldest) =>
      pagedMessages("conversations.replies", { channel, ts: threadTs, oldest }),
    async openDm(userId) {
      const r = await call<{ channel?: { id?: string } } & WebAPICallResult>("conversations.open", {
        users: userId,
      });
      if (!r.channel?.id)
        throw new SlackCallError({ kind: "permanent", error: "no_channel", method: "conversations.open" });
      return r.channel.id;
    },
    async pin(channel, ts) {
      await idempotent("pins.add", { channel, timestamp: ts }, ["already_pinned"]);
    },
    async addReaction(channel, ts, name) {
      await idempotent("reactions.add", { channel, timestamp: ts, name }, ["already_reacted"]);
    },
    async addBookmark(channel, title, link) {
      await call("bookmarks.add", { channel_id: channel, title, type: "link", link });
    },
    async userInfo(userId) {
      const r = await call<
        {
          user?: {
            id?: string;
            name?: string;
            real_name?: string;
            tz?: string;
            is_bot?: boolean;
            profile?: { email?: string };
          };
        } & WebAPICallResult
      >("users.info", { user: userId });
      return {
        id: r.user?.id ?? userId,
        name: r.user?.real_name || r.user?.name || userId,
        tz: r.user?.tz || "UTC",
        isBot: Boolean(r.user?.is_bot),
        ...(r.user?.profile?.email ? { email: r.user.profile.email } : {}),
      };
    },
    async userGroupMembers(groupId) {
      const r = await call<{ users?: string[] } & WebAPICallResult>("usergroups.users.list", {
        usergroup: groupId,
      });
      return r.users ?? [];
    },
    async openView(triggerId, view) {
      const r = await call<{ view?: { id?: string } } & WebAPICallResult>("views.open", {
        trigger_id: triggerId,
        view,
      });
      return { id: r.view?.id ?? "" };
    },
    async pushView(triggerId, view) {
      const r = await call<{ view?: { id?: string } } & WebAPICallResult>("views.push", {
        trigger_id: triggerId,
        view,
      });
      return { id: r.view?.id ?? "" };
    },
    async updateView(viewId, view) {
      await call("views.update", { view_id: viewId, view });
    },
    async publishHome(userId, view) {
      await call("views.publish", { user_id: userId, view });
    },
    async uploadFile(args) {
      try {
        const files = [args, ...(args.alongside ?? [])].map((f) => ({
          filename: f.filename,
          title: f.title,
          content: f.content,
        }));
        // One completeUploadExternal for all of them: one message, the files side by side.
        await observed("files.uploadV2", () =>
          client.filesUploadV2({
            channel_id: args.channel,
            initial_comment: args.comment,
            file_uploads: files,
          }),
        );
      } catch (error) {
        throw new SlackCallError(classifySlackError("files.uploadV2", error));
      }
    },
    async createCanvas(args) {
      const r = await call<{ canvas_id?: string } & WebAPICallResult>("canvases.create", {
        title: args.title,
        channel_id: args.channel,
        document_content: { type: "markdown", markdown: args.markdown },
      });
      return { id: r.canvas_id ?? "" };
    },
    async findCanvas(args) {
      type Listed = { files?: { id?: string; title?: string; name?: string }[] } & WebAPICallResult;
      const r = await call<Listed>("files.list", { channel: args.channel, types: "canvas", count: 100 });
      const found = (r.files ?? []).find((f) => (f.title ?? f.name) === args.title && f.id);
      return found?.id ? { id: found.id } : null;
    },
    async respond(responseUrl, body) {
      // Never a URL that is not Slack's (response-urls.ts): refused for good, not retried.
      if (!isSlackResponseUrl(responseUrl))
        throw new SlackCallError({
          kind: "permanent",
          error: "response_url_not_slack",
          method: "response_url",
        });
      await observed("response_url", () => postToResponseUrl(responseUrl, body, options.timeoutMs ?? 10_000));
    },
  };
}

async function postToResponseUrl(
  responseUrl: string,
  body: Record<string, unknown>,
  timeoutMs: number,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(responseUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new SlackCallError({
      kind: "transient",
      reason: `network: ${String(error)}`,
      method: "response_url",
    });
  }
  if (response.status >= 500 || response.status === 429) {
    throw new SlackCallError({
      kind: "transient",
      reason: `HTTP ${response.status}`,
      method: "response_url",
    });
  }
  // An expired or used-up response_url can never work: give up rather than retry forever.
  if (!response.ok)
    throw new SlackCallError({ kind: "permanent", error: `http_${response.status}`, method: "response_url" });
}

/** What openid.connect.token answers for Sign in with Slack (the id_token is verified by the caller). */
export interface OpenIdTokens {
  accessToken: string;
  idToken: string;
}

/** openid.connect.userInfo: who the signed-in person is, as Slack says now. */
export interface OpenIdUserInfo {
  userId: string;
  teamId: string;
  name: string;
}

/**
 * Sign in with Slack's two Web API methods. They authenticate with the app's client id and
 * secret (token) or the person's access token (userInfo), never the bot token, so they get a
 * client of their own; failures are sorted like every other call.
 */
export interface OpenIdGateway {
  exchangeCode(args: {
    clientId: string;
    clientSecret: string;
    code: string;
    redirectUri: string;
  }): Promise<OpenIdTokens>;
  userInfo(accessToken: string): Promise<OpenIdUserInfo>;
}

export function createOpenIdGateway(options: {
  apiUrl: string;
  logger: Logger;
  timeoutMs?: number;
}): OpenIdGateway {
  const client = new WebClient(undefined, {
    slackApiUrl: options.apiUrl,
    logger: boltLogger(options.logger),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 10_000,
  });
  async function call<T>(method: string, args: Record<string, unknown>): Promise<T & WebAPICallResult> {
    try {
      return (await client.apiCall(method, args)) as T & WebAPICallResult;
    } catch (error) {
      throw new SlackCallError(classifySlackError(method, error));
    }
  }
  return {
    async exchangeCode({ clientId, clientSecret, code, redirectUri }) {
      const r = await call<{ access_token?: string; id_token?: string }>("openid.connect.token", {
        client_id: clientId,
        client_secret: clientSecret,
        code,
        redirect_uri: redirectUri,
        grant_type: "authorization_code",
      });
      if (!r.access_token || !r.id_token)
        throw new SlackCallError({ kind: "permanent", error: "no_id_token", method: "openid.connect.token" });
      return { accessToken: r.access_token, idToken: r.id_token };
    },
    async userInfo(accessToken) {
      const r = await call<Record<string, unknown>>("openid.connect.userInfo", { token: accessToken });
      const text = (key: string) => (typeof r[key] === "string" ? (r[key] as string) : undefined);
      const userId = text("https://slack.com/user_id") ?? text("sub");
      const teamId = text("https://slack.com/team_id");
      if (!userId || !teamId)
        throw new SlackCallError({
          kind: "permanent",
          error: "no_user_info",
          method: "openid.connect.userInfo",
        });
      return { userId, teamId, name: text("name") ?? text("given_name") ?? userId };
    },
  };
}
