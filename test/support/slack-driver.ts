// Sends the app the requests Slack would send to POST /slack/events: slash commands and
// interactivity as exact `application/x-www-form-urlencoded` bodies (interactivity as one
// `payload=` field), Events API callbacks as JSON, every one signed with the signing secret.
// Users, channels, messages and views come from the emulator, so what a test does is what a
// Slack user could do on screen. Payload shapes: test/fixtures/slack/payloads/.
import type { SlackEmulator } from "./slack-emulator/emulator.ts";
import {
  appHomeOpenedEvent,
  eventEnvelope,
  memberJoinedEvent,
  messageChangedEvent,
  messageEvent,
  newEventId,
  type ReactionInput,
  reactionEvent,
} from "./slack-emulator/event-payloads.ts";
import { TsClock } from "./slack-emulator/ids.ts";
import {
  blockActionsPayload,
  currentSurface,
  globalShortcutPayload,
  locate,
  messageShortcutPayload,
  type SurfaceRef,
  userRef,
  VERIFICATION_TOKEN,
  viewSubmissionPayload,
} from "./slack-emulator/interaction-payloads.ts";
import { badSignature, signSlackRequest } from "./slack-emulator/signing.ts";
import type { MessageRecord, ViewRecord } from "./slack-emulator/types.ts";
import { elementState, type UserInput } from "./slack-emulator/view-state.ts";

export type { ReactionInput } from "./slack-emulator/event-payloads.ts";
export { signSlackRequest } from "./slack-emulator/signing.ts";
export type { UserInput } from "./slack-emulator/view-state.ts";

export const FORM = "application/x-www-form-urlencoded";
export const JSON_TYPE = "application/json";

export interface SlackDriverOptions {
  /** The app's Bolt endpoint, e.g. http://127.0.0.1:3000/slack/events. */
  eventsUrl: string;
  signingSecret: string;
  emulator: SlackEmulator;
  /** Wall clock in ms for X-Slack-Request-Timestamp and event times. Default Date.now. */
  now?: () => number;
}

export interface DriverResponse {
  status: number;
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown;
  triggerId?: string;
  responseUrl?: string;
  /** Events only: the envelope's event_id (reuse it to simulate a retry). */
  eventId?: string;
}

export interface CommandOptions {
  user: string;
  channel: string;
  command?: string;
}

export interface ClickButtonOptions extends SurfaceRef {
  user: string;
  /** Optional cross-check: the channel the message is in. */
  channel?: string;
  actionId: string;
  blockId?: string;
  /** Picks the button with this value when several share the action_id. */
  value?: string;
}

export interface SelectOptionOptions extends SurfaceRef {
  user: string;
  channel?: string;
  actionId: string;
  blockId?: string;
  /** Option value(s), or user / conversation / channel id(s), or a date or time. */
  value: string | string[];
}

export interface SubmitViewOptions {
  /** Default: the user the view is shown to. */
  user?: string;
  view: ViewRecord | string;
  /** values[blockId][actionId]; blocks left out keep their initial value (or stay empty). */
  values?: Record<string, Record<string, UserInput>>;
}

export interface EventOptions {
  eventId?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface RawOptions {
  contentType: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** A signature to send instead of the right one; "bad" sends a well-formed wrong one. */
  signature?: string;
  unsigned?: boolean;
  headers?: Record<string, string>;
}

export class SlackDriver {
  readonly #options: SlackDriverOptions;
  readonly #now: () => number;
  readonly #eventTs: TsClock;

  constructor(options: SlackDriverOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#eventTs = new TsClock(this.#now);
  }

  get #emulator(): SlackEmulator {
    return this.#options.emulator;
  }

  /** A slash command typed by `user` in `channel`. */
  async command(text: string, options: CommandOptions): Promise<DriverResponse> {
    const fields = this.commandFields(text, options);
    const body = new URLSearchParams(fields).toString();
    return {
      ...(await this.raw(body, { contentType: FORM })),
      triggerId: fields.trigger_id,
      responseUrl: fields.response_url,
    };
  }

  /**
   * The same slash command delivered over Socket Mode: resolves with the payload the app
   * acknowledged it with (what the person sees).
   */
  async socketCommand(text: string, options: CommandOptions): Promise<unknown> {
    const ack = await this.#emulator.socketMode.send("slash_commands", this.commandFields(text, options));
    return ack.payload;
  }

  /** The fields Slack sends for a slash command (form fields over HTTP, JSON over Socket Mode). */
  commandFields(text: string, options: CommandOptions): Record<string, string> {
    const emulator = this.#emulator;
    const user = emulator.user(options.user);
    if (!user) throw new Error(`unknown user ${options.user}`);
    const channel = emulator.channel(options.channel);
    if (!channel) throw new Error(`unknown channel ${options.channel}`);
    const triggerId = emulator.issueTrigger(user.id);
    const responseUrl = emulator.createResponseUrl({ channelId: channel.id, userId: user.id });
    return {
      token: VERIFICATION_TOKEN,
      team_id: emulator.teamId,
      team_domain: emulator.teamDomain,
      channel_id: channel.id,
      channel_name: channel.isIm ? "directmessage" : channel.name,
      user_id: user.id,
      user_name: user.name,
      command: options.command ?? "/incident",
      text,
      api_app_id: emulator.appId,
      is_enterprise_install: "false",
      response_url: responseUrl,
      trigger_id: triggerId,
    };
  }

  /** A click on a button the user can see in a message or view. */
  async clickButton(options: ClickButtonOptions): Promise<DriverResponse> {
    const surface = currentSurface(this.#emulator, options);
    this.#checkChannel(surface, options.channel);
    const located = locate(surface, options.actionId, options.blockId, options.value);
    if (located.element.type !== "button") {
      throw new Error(
        `${options.actionId} is a ${String(located.element.type)}, not a button; use selectOption`,
      );
    }
    const { text, value, style, url } = located.element;
    const fields: Record<string, unknown> = { text };
    if (value !== undefined) fields.value = value;
    if (style !== undefined) fields.style = style;
    if (url !== undefined) fields.url = url;
    return this.#blockAction(options.user, surface, located, fields, undefined);
  }

  /** A choice in a select menu, overflow menu, checkboxes, radio buttons or picker. */
  async selectOption(options: SelectOptionOptions): Promise<DriverResponse> {
    const surface = currentSurface(this.#emulator, options);
    this.#checkChannel(surface, options.channel);
    const located = locate(surface, options.actionId, options.blockId);
    const { element } = located;
    // Overflow menus carry no state but report the chosen option like a static select.
    const probe = element.type === "overflow" ? { ...element, type: "static_select" } : element;
    const { type: _type, ...selection } = elementState(probe, options.value);
    return this.#blockAction(
      options.user,
      surface,
      located,
      selection,
      element.type === "overflow" ? undefined : options.value,
    );
  }

  /** A global shortcut chosen from the shortcuts menu. */
  async globalShortcut(options: { user: string; callbackId: string }): Promise<DriverResponse> {
    const triggerId = this.#emulator.issueTrigger(options.user);
    const payload = globalShortcutPayload(this.#emulator, {
      ...options,
      triggerId,
      actionTs: this.#eventTs.next(),
    });
    return { ...(await this.#interaction(payload)), triggerId };
  }

  /** A message shortcut used on a message: only by someone who can see that channel. */
  async messageShortcut(options: {
    user: string;
    callbackId: string;
    channel: string;
    ts: string;
  }): Promise<DriverResponse> {
    const emulator = this.#emulator;
    const channel = emulator.channel(options.channel);
    if (!channel) throw new Error(`unknown channel ${options.channel}`);
    if (channel.isPrivate && !channel.members.has(options.user))
      throw new Error(`${options.user} cannot see ${options.channel}`);
    const triggerId = emulator.issueTrigger(options.user);
    const responseUrl = emulator.createResponseUrl({ channelId: channel.id, userId: options.user });
    const payload = messageShortcutPayload(emulator, {
      ...options,
      triggerId,
      responseUrl,
      actionTs: this.#eventTs.next(),
    });
    return { ...(await this.#interaction(payload)), triggerId, responseUrl };
  }

  /** The user pressing the modal's submit button; then Slack acts on the app's answer. */
  async submitView(options: SubmitViewOptions): Promise<DriverResponse> {
    const emulator = this.#emulator;
    const id = typeof options.view === "string" ? options.view : options.view.id;
    const view = emulator.view(id);
    if (view?.type !== "modal") throw new Error(`no modal view ${id}`);
    if (!view.open) throw new Error(`view ${id} is closed; it cannot be submitted`);
    const user = options.user ?? view.user;
    if (user !== view.user) throw new Error(`view ${id} is shown to ${view.user}, not ${user}`);
    const triggerId = emulator.issueTrigger(user);
    const payload = viewSubmissionPayload(emulator, view, user, options.values ?? {}, triggerId);
    const response = await this.#interaction(payload);
    // Slack only acts on a 200; otherwise it shows the user an error and the view stays open.
    if (response.status === 200)
      emulator.answerSubmission(id, response.body === "" ? undefined : (response.json ?? response.body));
    return { ...response, triggerId };
  }

  /**
   * The user dismissing a modal. Slack tells the app (view_closed) only when the view asked
   * for notify_on_close; otherwise nothing is sent and this resolves to undefined.
   */
  async closeView(options: {
    user?: string;
    view: ViewRecord | string;
  }): Promise<DriverResponse | undefined> {
    const emulator = this.#emulator;
    const id = typeof options.view === "string" ? options.view : options.view.id;
    const view = emulator.view(id);
    if (view?.type !== "modal") throw new Error(`no modal view ${id}`);
    if (!view.open) throw new Error(`view ${id} is already closed`);
    emulator.closeView(id);
    if (view.view.notify_on_close !== true) return undefined;
    return this.#interaction({
      type: "view_closed",
      team: { id: emulator.teamId, domain: emulator.teamDomain },
      user: userRef(emulator, options.user ?? view.user),
      api_app_id: emulator.appId,
      token: VERIFICATION_TOKEN,
      view: view.view,
      is_cleared: false,
      is_enterprise_install: false,
    });
  }

  /** An Events API callback wrapping `event` (event_ts is filled in when absent). */
  async event(event: Record<string, unknown>, options: EventOptions = {}): Promise<DriverResponse> {
    const eventId = options.eventId ?? newEventId();
    const inner = { ...event, event_ts: event.event_ts ?? this.#eventTs.next() };
    const body = JSON.stringify(
      eventEnvelope(this.#emulator, inner, eventId, Math.floor(this.#now() / 1000)),
    );
    const headers: Record<string, string> = {};
    if (options.retryNum !== undefined) {
      headers["X-Slack-Retry-Num"] = String(options.retryNum);
      headers["X-Slack-Retry-Reason"] = options.retryReason ?? "http_timeout";
    }
    return { ...(await this.raw(body, { contentType: JSON_TYPE, headers })), eventId };
  }

  /** `user` reacting to a message (the emulator records the reaction too). */
  reactionAdded(input: ReactionInput, options?: EventOptions): Promise<DriverResponse> {
    const reaction = input.reaction ?? "pushpin";
    this.#emulator.react(input.channel, input.ts, input.user, reaction);
    return this.event(reactionEvent(this.#emulator, "reaction_added", input, reaction), options);
  }

  reactionRemoved(input: ReactionInput, options?: EventOptions): Promise<DriverResponse> {
    const reaction = input.reaction ?? "pushpin";
    this.#emulator.unreact(input.channel, input.ts, input.user, reaction);
    return this.event(reactionEvent(this.#emulator, "reaction_removed", input, reaction), options);
  }

  appHomeOpened(user: string, options?: EventOptions): Promise<DriverResponse> {
    return this.event(appHomeOpenedEvent(this.#emulator, user), options);
  }

  /** `user` joining `channel` (the emulator adds the member too). */
  memberJoined(
    input: { user: string; channel: string; inviter?: string },
    options?: EventOptions,
  ): Promise<DriverResponse> {
    this.#emulator.joinChannel(input.channel, input.user);
    return this.event(memberJoinedEvent(this.#emulator, input), options);
  }

  /** A human posting a message: stored in the emulator, then delivered as a message event. */
  messagePosted(
    input: { user: string; channel: string; text: string; threadTs?: string },
    options?: EventOptions,
  ): Promise<DriverResponse> {
    const message = this.#emulator.postAsUser(input.channel, input.user, input.text, {
      threadTs: input.threadTs,
    });
    return this.event(messageEvent(this.#emulator, message), options);
  }

  /** An existing emulator message (a bot's, say) delivered as the message event Slack sends. */
  messageSeen(message: MessageRecord, options?: EventOptions): Promise<DriverResponse> {
    return this.event(messageEvent(this.#emulator, message), options);
  }

  /** `user` editing their message: changed in the emulator, then delivered as message_changed. */
  messageEdited(
    input: { user: string; channel: string; ts: string; text: string },
    options?: EventOptions,
  ): Promise<DriverResponse> {
    const message = this.#emulator.message(input.channel, input.ts);
    if (!message) throw new Error(`no message ${input.ts} in ${input.channel}`);
    const now = this.#eventTs.next();
    message.text = input.text;
    message.edited = { user: input.user, ts: now };
    return this.event(messageChangedEvent(this.#emulator, message, now), options);
  }

  /** Slack's Request URL handshake. */
  urlVerification(
    challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
  ): Promise<DriverResponse> {
    return this.raw(JSON.stringify({ token: VERIFICATION_TOKEN, challenge, type: "url_verification" }), {
      contentType: JSON_TYPE,
    });
  }

  /** Any body, signed (or deliberately mis-signed / unsigned / stale). */
  async raw(body: string, options: RawOptions): Promise<DriverResponse> {
    const timestamp = options.timestamp ?? Math.floor(this.#now() / 1000);
    const headers: Record<string, string> = { "Content-Type": options.contentType, ...options.headers };
    if (!options.unsigned) {
      const good = signSlackRequest(this.#options.signingSecret, timestamp, body);
      headers["X-Slack-Request-Timestamp"] = String(timestamp);
      headers["X-Slack-Signature"] =
        options.signature === "bad" ? badSignature(good) : (options.signature ?? good);
    }
    const response = await fetch(this.#options.eventsUrl, { method: "POST", headers, body });
    const text = await response.text();
    const result: DriverResponse = { status: response.status, body: text };
    if (text !== "") {
      try {
        result.json = JSON.parse(text);
      } catch {
        // Not JSON (empty acks, plain-text errors): `body` has it.
      }
    }
    return result;
  }

  async #blockAction(
    user: string,
    surface: ReturnType<typeof currentSurface>,
    located: ReturnType<typeof locate>,
    actionFields: Record<string, unknown>,
    input: UserInput | undefined,
  ): Promise<DriverResponse> {
    const emulator = this.#emulator;
    if (surface.kind === "ephemeral" && surface.message.user !== user) {
      throw new Error(`only ${surface.message.user} can see that ephemeral message`);
    }
    if (surface.kind === "view" && surface.view.user !== user)
      throw new Error(`view ${surface.view.id} is shown to ${surface.view.user}`);
    const triggerId = emulator.issueTrigger(user);
    // Slack gives message interactions a response_url; modal and Home tab ones get none.
    const responseUrl =
      surface.kind === "view"
        ? undefined
        : emulator.createResponseUrl({
            channelId: surface.message.channel,
            userId: user,
            messageTs: surface.message.ts,
            isEphemeral: surface.kind === "ephemeral",
          });
    const payload = blockActionsPayload(emulator, {
      user,
      surface,
      located,
      actionFields,
      ...(input !== undefined ? { input } : {}),
      triggerId,
      ...(responseUrl !== undefined ? { responseUrl } : {}),
      actionTs: this.#eventTs.next(),
    });
    const response = await this.#interaction(payload);
    return { ...response, triggerId, ...(responseUrl !== undefined ? { responseUrl } : {}) };
  }

  #interaction(payload: Record<string, unknown>): Promise<DriverResponse> {
    return this.raw(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), {
      contentType: FORM,
    });
  }

  #checkChannel(surface: ReturnType<typeof currentSurface>, channel: string | undefined): void {
    if (channel === undefined || surface.kind === "view") return;
    if (surface.message.channel !== channel)
      throw new Error(`that message is in ${surface.message.channel}, not ${channel}`);
  }
}

export function createSlackDriver(options: SlackDriverOptions): SlackDriver {
  return new SlackDriver(options);
}
