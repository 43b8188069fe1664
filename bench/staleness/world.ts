// The staleness benchmark's world: a Slack emulator seeded with the scale we design for (five
// regional SRE groups of 150 people, their leads, an announcement channel the bot is not in),
// and the real bot as a process of its own in HTTP mode, with the simulated clock and the
// production configuration (announcement channel set, warn-level logging), on a fresh database.
// The bot has its process to itself as in production, where Slack is elsewhere: the emulator,
// the replay's requests and its reads of the database run in the bench's process, which the
// system can put on another core. Until 2026-12-07 the bot ran in the bench's process, and
// every Slack call it made, every command the replay signed and every poll of the database
// took turns with its deliveries on one event loop.
//
// Two clocks: the bot's simulated clock (the scenario's two days, moved by the replay) and the
// bench clock, which the emulator runs on (its rate limits, call records, message ts). The
// bench clock is wall time plus the idle time the replay skipped (see replay.ts), so Slack's
// buckets refill over an idle hour as they would in reality while bursts run in real time.
import { randomBytes } from "node:crypto";
import { type Db, openDatabase } from "../../src/db/client.ts";
import type { Provider } from "../../src/db/database-url.ts";
import { type BotProcess, startBotProcess } from "../../test/support/bot-process.ts";
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
  bot: BotProcess;
  /** A client of the bench's own on the bot's database, for lookups between steps and the final reads. */
  db: Db;
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
  /** Lines the bot logged at warn level or above (JSON), so far. */
  readonly problems: string[];
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
  const signingSecret = randomBytes(16).toString("hex");
  let bot: BotProcess;
  try {
    bot = await startBotProcess({
      SLACK_BOT_TOKEN: emulator.botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: emulator.apiUrl,
      DATABASE_URL: database.url,
      LOG_LEVEL: "warn",
      LOG_FORMAT: "json",
      // Whatever the bench's own environment says: production refuses the simulated clock.
      NODE_ENV: "development",
      SLACK_CALLS_IN_TRANSACTION: "warn",
      INCIDENT_BOT_CLOCK: "simulated",
      INCIDENT_BOT_SIM_START: options.start.toISOString(),
      INCIDENT_ANNOUNCE_CHANNEL: announceChannel,
      INCIDENT_ADMINS: commander,
      // As in production (where "auto" paces on the system clock): the bot's simulated clock
      // here follows the bench clock in real time during bursts, so its budgets refill.
      SLACK_PACING: "slack-tiers",
    });
  } catch (error) {
    await emulator.stop();
    await database.drop();
    throw error;
  }
  const url = bot.url;
  const driver = createSlackDriver({ eventsUrl: `${url}/slack/events`, signingSecret, emulator });
  // Opened once the bot has migrated its database.
  let reader: SideReader | undefined;
  let own: Awaited<ReturnType<typeof openDatabase>>;
  try {
    reader = await openSideReader(options.provider, database.url);
    own = await openDatabase(database.url);
  } catch (error) {
    // The bot is a process of its own: left running, it would outlive the bench.
    await reader?.close();
    await bot.kill();
    await emulator.stop();
    await database.drop();
    throw error;
  }
  return {
    clock,
    emulator,
    bot,
    db: own.db,
    driver,
    url,
    announceChannel,
    opsChannel,
    commander,
    commanders,
    regions,
    get problems() {
      return bot.output
        .join("")
        .split("\n")
        .filter((line) => line.trim() !== "");
    },
    reader,
    async stop() {
      await reader.close();
      await own.close();
      await bot.kill();
      await emulator.stop();
      await database.drop();
    },
  };
}
