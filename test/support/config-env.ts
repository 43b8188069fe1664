// The smallest environment the bot's configuration accepts, and the problems loadConfig reports
// for an environment (an empty list when it loads), for the tests of each setting.
import { ConfigError, loadConfig } from "../../src/config.ts";

/** A bot token and a signing secret: everything else has a default. */
export const MINIMAL_ENV = {
  SLACK_BOT_TOKEN: "xoxb-1-2-secretvalue",
  SLACK_SIGNING_SECRET: "signing-secret-value-123",
} as const;

/** What loadConfig says is wrong with `env` (every problem, as it reports them). */
export function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
