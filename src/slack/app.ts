// Builds the Bolt app: the receiver (HTTP or Socket Mode), the listeners and the one error
// handler. Transport only: listeners hand every request to a use case.
import { App, type CustomRoute, HTTPReceiver, type Receiver, SocketModeReceiver } from "@slack/bolt";
import type { Deps } from "../deps.ts";
import { boltLogger } from "../log/logger.ts";
import { registerActions } from "./listeners/actions/register.ts";
import { registerCommands } from "./listeners/commands/register.ts";
import { registerEvents } from "./listeners/events/register.ts";
import { registerViews } from "./listeners/views/register.ts";

export interface SlackAppOptions {
  routes: CustomRoute[];
  botUserId?: string;
  botId?: string;
}

export interface SlackApp {
  app: App;
  /** Starts listening; resolves with the HTTP port in use (custom routes in Socket Mode). */
  start(port: number): Promise<number>;
  stop(): Promise<void>;
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
    : new HTTPReceiver({
        signingSecret: config.slack.signingSecret ?? "",
        endpoints: "/slack/events",
        logger,
        customRoutes: options.routes,
        // Signature verification is never switched off: requests with a bad signature or a
        // timestamp older than five minutes get 401 and reach no listener.
        signatureVerification: true,
      });

  const app = new App({
    token: config.slack.botToken,
    receiver,
    logger,
    // Bolt would call auth.test before every request otherwise; the bot identifies itself at start.
    tokenVerificationEnabled: false,
    botUserId: options.botUserId,
    botId: options.botId,
    clientOptions: {
      slackApiUrl: config.slack.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    },
  });

  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerEvents(app, deps);

  app.error(async (error) => {
    deps.logger.error({ err: error }, "unhandled error in a Slack listener");
  });

  return {
    app,
    async start(port) {
      if (config.slack.socketMode) {
        await app.start();
        return config.port;
      }
      const server = (await app.start(port)) as import("node:http").Server;
      const address = server.address();
      httpPort = typeof address === "object" && address ? address.port : port;
      return httpPort;
    },
    async stop() {
      await app.stop();
    },
  };
}
