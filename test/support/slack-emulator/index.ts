// A local Slack Web API emulator for end-to-end tests, the demo and the benchmark.
// See emulator.ts for the API and README-style notes at the top of each module.
import { SlackEmulator, type SlackEmulatorOptions } from "./emulator.ts";

export { checkMessage, checkView } from "./block-kit-rules.ts";
export type { AddChannelInput, AddUserInput, SlackEmulatorOptions } from "./emulator.ts";
export { SlackEmulator } from "./emulator.ts";
export type { RuleIssue } from "./errors.ts";
export {
  type RateLimit,
  RateLimiter,
  type RateLimitSetting,
  type RateLimitTable,
  SLACK_RATE_LIMITS,
  SLACK_TIERS,
} from "./rate-limits.ts";
export type * from "./types.ts";
export type { ResponseUrlContext } from "./workspace.ts";

/** Starts an emulator on 127.0.0.1 with a random port. Call `stop()` when done. */
export function startSlackEmulator(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  return SlackEmulator.start(options);
}
