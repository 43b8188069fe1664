// The environment the benchmark runs the bot with: the way it runs in production. The
// announcement channel is set (every update is also mirrored there, so the outbox does that
// work too), NODE_ENV=production, and logs are JSON lines at info level, written to a pipe.
// The bare Bolt app gets the same Slack settings and the same logging.
import type { EmulatorInfo } from "./ack-latency.ts";

export function productionEnv(emulator: EmulatorInfo, signingSecret: string): Record<string, string> {
  return {
    NODE_ENV: "production",
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: emulator.apiUrl,
    INCIDENT_ANNOUNCE_CHANNEL: emulator.announceChannel,
    LOG_LEVEL: "info",
    LOG_FORMAT: "json",
    SLACK_CALLS_IN_TRANSACTION: "warn",
  };
}
