// Builds the Bolt app: the receiver (HTTP or Socket Mode) and the listeners. Transport only:
// listeners hand every request to a use case, and listeners/edge.ts presents its failures.
import { App, type CustomRoute, HTTPReceiver, type Receiver, SocketModeReceiver } from "@slack/bolt";
import type { Deps } from "../deps.ts";
import { boltLogger } from "../log/logger.ts";
import { type ObserveAck, timeAcks } from "./ack-timing.ts";
import type { BotIdentity } from "./bot-identity.ts";
import { registerActions } from "./listeners/actions/register.ts";
import { registerCommands } from "./listeners/commands/register.ts";
import { registerEvents } from "./listeners/events/register.ts";
import { registerShortcuts } from "./listeners/shortcuts/register.ts";
import { registerViews } from "./listeners/views/register.ts";
import { guardSlackRequests } from "./request-guard.ts";

export interface SlackAppOptions {
  routes: CustomRoute[];
  identity: BotIdentity;
  /** Told how long each request took to acknowledge (metrics). */
  observeAck?: ObserveAck;
}

export interface SlackApp {
  app: App;
  /** Starts listening; resolves with the HTTP port in use (custom routes in Socket Mode). */
  start(port: number): Promise<number>;
  stop(): Promise<void>;
  /** Whether the Socket Mode WebSocket is open now; null in HTTP mode. */
  socketModeConnected(): boolean | null;
  /** Calls `listener` whenever the Socket Mode connection opens or drops (never in HTTP mode). */
  onSocketModeChange(listener: () => void): void;
}

/**
 * Connects to Slack over Socket Mode. If Slack cannot be reached at start (an outage), the bot
 * still starts (commands arriving later are handled, the outbox catches up) and keeps trying.
 */
async function startSocketMode(app: App, deps: Deps): Promise<void> {
  try {
    await app.start();
  } catch (error) {
    deps.logger.error({ err: error }, "could not open the Socket Mode connection; retrying every 10 s");
    const retry = setInterval(() => {
      app.start().then(
        () => {
          clearInterval(retry);
          deps.logger.info("Socket Mode connection open");
        },
        () => {},
      );
    }, 10_000);
    retry.unref();
  }
}

function guardedHttpReceiver(
  deps: Deps,
  routes: CustomRoute[],
  logger: ReturnType<typeof boltLogger>,
): HTTPReceiver {
  const signingSecret = deps.config.slack.signingSecret ?? "";
  const receiver = new HTTPReceiver({
    signingSecret,
    endpoints: "/slack/events",
    logger,
    customRoutes: routes,
    // Every request to the endpoint is verified once, by the guard in front of this receiver
    // (src/slack/request-guard.ts): a bad signature, or a timestamp more than five minutes
    // from now, gets 401 and reaches no listener. Bolt's own check repeated the same HMAC on
    // every request (with tsscmp, two more HMACs and random bytes), about 3% of the bot's CPU.
    signatureVerification: false,
  });
  // Bolt crashes on a signed body that is not a JSON object: such requests stop here (400).
  guardSlackRequests(receiver, { signingSecret, logger: deps.logger, path: "/slack/events" });
  return receiver;
}

export function buildSlackApp(deps: Deps, options: SlackAppOptions): SlackApp {
  const { config } = deps;
  const logger = boltLogger(deps.logger);
  let httpPort = 0;
  const receiver: Receiver = config.slack.socketMode
    ? new SocketModeReceiver({
        appToken: config.slack.appToken ?? "",
        logger,
        customRoutes: options.routes,
        installerOptions: { port: config.port, clientOptions: { slackApiUrl: config.slack.apiUrl } },
      })
    : guardedHttpReceiver(deps, options.routes, logger);

  // Followed from the Socket Mode client's own events: open on "connected", not open from the
  // moment the socket closes until a reconnect completes (readiness reads this).
  let socketOpen = false;
  const socketListeners: (() => void)[] = [];
  const setSocketOpen = (open: boolean) => {
    if (open === socketOpen) return;
    socketOpen = open;
    for (const listener of socketListeners) listener();
  };
  if (receiver instanceof SocketModeReceiver) {
    const client = receiver.client;
    client.on("connected", () => setSocketOpen(true));
    for (const event of ["close", "disconnecting", "disconnected", "reconnecting"])
      client.on(event, () => setSocketOpen(false));
  }

  const app = new App({
    receiver,
    logger,
    // Bolt's default conversation store is a middleware that, on every request, looks the
    // conversation up in memory and builds an Error (with its stack) when it is not there,
    // which is always: nothing here keeps conversation state (it lives in the database).
    convoStore: false,
    // Our own authorize: Bolt's default calls auth.test on the request path whenever the bot's
    // IDs are unknown, so one Slack outage at start would fail every command. This never calls
    // Slack; the IDs are filled in by learnBotIdentity when Slack answers.
    authorize: async () => ({
      botToken: config.slack.botToken,
      botId: options.identity.botId,
      botUserId: options.identity.userId,
    }),
    clientOptions: {
      slackApiUrl: config.slack.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    },
  });

  if (options.observeAck) timeAcks(app, options.observeAck);

  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerEvents(app, deps);
  registerShortcuts(app, deps);

  // Only what escapes the edge (Bolt's own failures, a listener outside it) reaches this.
  app.error(async (error) => {
    deps.logger.error({ err: error }, "unhandled error in a Slack listener");
  });

  return {
    app,
    async start(port) {
      if (config.slack.socketMode) {
        await startSocketMode(app, deps);
        // Bolt's Socket Mode receiver serves custom routes (/healthz) on its own HTTP server.
        const server = (receiver as unknown as { httpServer?: import("node:http").Server }).httpServer;
        const address = server?.address();
        return typeof address === "object" && address ? address.port : config.port;
      }
      const server = (await app.start(port)) as import("node:http").Server;
      const address = server.address();
      httpPort = typeof address === "object" && address ? address.port : port;
      return httpPort;
    },
    async stop() {
      await app.stop();
    },
    socketModeConnected: () => (config.slack.socketMode ? socketOpen : null),
    onSocketModeChange: (listener) => {
      socketListeners.push(listener);
    },
  };
}
