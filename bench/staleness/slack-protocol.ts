// What the bench process and the staleness benchmark's Slack process (slack-process.ts) say to
// each other over the IPC channel: the seeded world, and one request type per thing the replay
// and the measurement need from Slack.
import type { RateLimitSetting } from "../../test/support/slack-emulator/rate-limits.ts";
import type { CallRecord } from "../../test/support/slack-emulator/types.ts";

export const REGIONS = ["us1", "us2", "eu1", "ap1", "ap2"] as const;
export type Region = (typeof REGIONS)[number];

export interface SeededSlack {
  apiUrl: string;
  botToken: string;
  /** Where stakeholders watch; the bot is not in it. */
  announceChannel: string;
  /** Where the incident is declared from. */
  opsChannel: string;
  /** People who take command in turn. */
  commanders: string[];
  /** Per region: its user group (members responders), and the people who lead it in turn. */
  regions: { region: Region; groupId: string; members: string[]; leads: string[] }[];
}

export type SlackRequest =
  /** Moves the bench clock on by `ms` of skipped idle time; answers its new time. */
  | { op: "skip"; ms: number }
  /** Answers the bench clock's time once the limits are on. */
  | { op: "setRateLimits"; setting: RateLimitSetting }
  | { op: "connect"; eventsUrl: string; signingSecret: string }
  /** A slash command; answers the bot's reply and the bench-clock time it came (`ackAt`). */
  | { op: "command"; text: string; user: string; channel: string }
  /** Waits for the handoff card to `toUser` in `channel` and presses Accept; answers when it was sent. */
  | { op: "acceptHandoff"; channel: string; toUser: string }
  /** Waits for the bot's post carrying `marker` in `channel`; answers when Slack received it. */
  | { op: "waitForPost"; channel: string; marker: string }
  | { op: "lastCall" }
  /** What Slack received and holds, for the measurement after the replay. */
  | { op: "snapshot"; imsOf: string[]; membersOf: string[] };

export interface CommandAnswer {
  status: number;
  body: string;
  json?: unknown;
  ackAt: number;
}

export interface SlackSnapshot {
  calls: CallRecord[];
  /** The IM channel between the bot and each user asked for. */
  ims: Record<string, string>;
  /** The members of each channel asked for. */
  members: Record<string, string[]>;
  /** Calls Slack answered with 429. */
  rateLimited: number;
}
