// The staleness benchmark's world: a Slack emulator seeded with the scale we design for (five
// regional SRE groups of 150 people, their leads, an announcement channel the bot is not in),
// and the real bot in-process in HTTP mode with
// the simulated clock and the production configuration (announcement channel set, warn-level
// logging), on a fresh database.
//
// Two clocks: the bot's simulated clock (the scenario's two days, moved by the replay) and the
// bench clock, which the emulator runs on (its rate limits, call records, message ts). The
// bench clock is wall time plus the idle time the replay skipped (see replay.ts), so Slack's
// buckets refill over an idle hour as they would in reality while bursts run in real time.
import { randomBytes } from "node:crypto";
import { type RunningBot, startBot } from "../../src/bot.ts";
import { loadConfig } from "../../src/config.ts";
import type { Provider } from "../../src/db/database-url.ts";
import { createSlackDriver, type SlackDriver } from "../../test/support/slack-driver.ts";
import type { SlackEmulator } from "../../test/support/slack-emulator/emulator.ts";
import { startSlackEmulator } from "../../test/support/slack-emulator/index.ts";
import { benchDatabase } from "../databases.ts";
import { openSideReader, type SideReader } from "./side-reader.ts";

export const REGIONS = ["us1", "us2", "eu1", "ap1", "ap2"] as const;
export type Region = (typeof REGIONS)[number];

/** Wall time plus the idle time skipped so far. */
export class BenchClock {
  #skipped = 0;
  now(): number {
    return Date.now() + this.#skipped;
  }
  skip(ms: number): void {
    if (ms > 0) this.#skipped += ms;
  }
  get skippedMs(): number {
    return this.#skipped;
  }
}

export interface StalenessWorld {
  clock: BenchClock;
  emulator: SlackEmulator;
  bot: RunningBot;
  driver: SlackDriver;
  url: string;
  announceChannel: string;
  /** Where the incident is declared from. */
  opsChannel: string;
  commander: string;
  /** People who take command in turn (handoffs of the incident's command). */
  commanders: string[];
  /** Per region: its user group (members responders), and the people who lead it in turn. */
  regions: { region: Region; groupId: string; members: string[]; leads: string[] }[];
  /** Lines the bot logged at warn level or above (JSON). */
  problems: string[];
  /** The replay's own reads of the bot's database, beside the bot's connection. */
  reader: SideReader;
  stop(): Promise<void>;
}

export async function startStalenessWorld(options: {
  provider: Provider;
  responders: number;
  regions: number;
  start: Date;
}): Promise<StalenessWorld> {
  const clock = new BenchClock();
  // Limits are switched on by the caller (emulator.setRateLimits), after its baseline calls.
  const emulator = await startSlackEmulator({ now: () => clock.now() });
  const perRegion = Math.ceil(options.responders / options.regions);
  const person = (name: string) => emulator.addUser({ name, realName: name }).id;
  const commanders = ["ic-a", "ic-b", "ic-c", "ic-d"].map(person);
  const commander = commanders[0] as string;
  const regions = REGIONS.slice(0, options.regions).map((region, r) => {
    const leads = [1, 2, 3].map((n) => person(`${region}-lead-${n}`));
    const members = Array.from({ length: perRegion }, (_, i) =>
      person(`${region}-sre-${String(i + 1).padStart(3, "0")}`),
    );
    const group = emulator.addUserGroup({
      id: `S0STALE${String(r).padStart(3, "0")}`,
      handle: `sre-${region}`,
      users: members,
    });
    return { region, groupId: group.id, members, leads };
  });
  const announceChannel = emulator.addChannel({ name: "incidents", botIsMember: false }).id;
  const opsChannel = emulator.addChannel({ name: "ops", members: commanders }).id;
  const database = await benchDatabase(options.provider);
  const problems: string[] = [];
  const signingSecret = randomBytes(16).toString("hex");
  let bot: RunningBot;
  try {
    bot = await startBot(
      loadConfig({
        SLACK_BOT_TOKEN: emulator.botToken,
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: emulator.apiUrl,
        DATABASE_URL: database.url,
        PORT: "0",
        LOG_LEVEL: "warn",
        LOG_FORMAT: "json",
        INCIDENT_BOT_CLOCK: "simulated",
        INCIDENT_BOT_SIM_START: options.start.toISOString(),
        INCIDENT_ANNOUNCE_CHANNEL: announceChannel,
        INCIDENT_ADMINS: commander,
        // As in production (where "auto" paces on the system clock): the bot's simulated clock
        // here follows the bench clock in real time during bursts, so its budgets refill.
        SLACK_PACING: "slack-tiers",
      }),
      { logDestination: { write: (line: string) => void problems.push(line) } },
    );
  } catch (error) {
    await emulator.stop();
    await database.drop();
    throw error;
  }
  const url = `http://127.0.0.1:${bot.port}`;
  const driver = createSlackDriver({ eventsUrl: `${url}/slack/events`, signingSecret, emulator });
  // Opened once the bot has migrated and opened its database.
  const reader = await openSideReader(options.provider, database.url);
  return {
    clock,
    emulator,
    bot,
    driver,
    url,
    announceChannel,
    opsChannel,
    commander,
    commanders,
    regions,
    problems,
    reader,
    async stop() {
      await reader.close();
      await bot.stop();
      await emulator.stop();
      await database.drop();
    },
  };
}
