// Who the bot is in Slack (its user and bot IDs), learnt from auth.test. Requests never wait for
// it: if Slack is unreachable at start the bot runs without it (degraded) and keeps asking in
// the background, so a Slack outage never turns into failed commands.
import type { Logger } from "../log/logger.ts";
import type { Gateway } from "./gateway.ts";

export interface BotIdentity {
  userId?: string;
  botId?: string;
  /** The workspace URL (https://<domain>.slack.com/), for permalinks. */
  url?: string;
  /** The workspace the bot is installed in: Sign in with Slack admits only its people. */
  teamId?: string;
}

const RETRY_MS = 30_000;

export async function learnBotIdentity(gateway: Gateway, logger: Logger): Promise<BotIdentity> {
  const identity: BotIdentity = {};
  const ask = async () => {
    const result = await gateway.authTest();
    Object.assign(identity, {
      userId: result.userId,
      botId: result.botId,
      url: result.url,
      teamId: result.teamId,
    });
  };
  try {
    await ask();
  } catch (error) {
    logger.warn({ err: error }, "could not identify the bot with auth.test; running degraded and retrying");
    const retry = setInterval(() => {
      ask().then(
        () => {
          clearInterval(retry);
          logger.info({ botUserId: identity.userId }, "bot identified");
        },
        () => {},
      );
    }, RETRY_MS);
    retry.unref();
  }
  return identity;
}
