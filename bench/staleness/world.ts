// The staleness benchmark's world: Slack seeded with the scale we design for (five regional SRE
// groups of 150 people, their leads, an announcement channel the bot is not in) and its users,
// in a process of their own (slack-process.ts), and the real bot as a process of its own in
// HTTP mode, with the simulated clock and the production configuration (announcement channel
// set, warn-level logging), on a fresh database. Three processes as in production, where Slack
// and the people typing are elsewhere: the bench's own (its reads of the database, the bot's
// clock moves, the measurement) stamps none of the times measured, so its pauses do not show in
// them. Until 2026-12-07 the bot ran in the bench's process, and every Slack call it made took
// turns with its deliveries on one event loop; then the emulator did, and about half of the
// slowest channel updates came right after a stall of the bench process.
//
// Two clocks: the bot's simulated clock (the scenario's two days, moved by the replay) and the
// bench clock, which Slack runs on (its rate limits, call records, message ts) and the times
// measured are read from. The bench clock is wall time plus the idle time the replay skipped
// (see replay.ts), kept in both processes (`skip` moves both), so Slack's buckets refill over an
// idle hour as they would in reality while bursts run in real time.
import { randomBytes } from "node:crypto";
import { type Db, openDatabase } from "../../src/db/client.ts";
import type { Provider } from "../../src/db/database-url.ts";
import { type BotProcess, startBotProcess } from "../../test/support/bot-process.ts";
import { benchDatabase } from "../databases.ts";
import { BenchClock } from "./bench-clock.ts";
import { type RemoteSlack, startRemoteSlack } from "./remote-slack.ts";
import { openSideReader, type SideReader } from "./side-reader.ts";
import type { SeededSlack } from "./slack-protocol.ts";

export { REGIONS, type Region } from "./slack-protocol.ts";

export interface StalenessWorld {
  /** Read only: `skip` moves it, together with Slack's. */
  clock: Pick<BenchClock, "now" | "skippedMs">;
  /** Slack and the people using it, in their own process. */
  slack: RemoteSlack;
  bot: BotProcess;
  /** A client of the bench's own on the bot's database, for lookups between steps and the final reads. */
  db: Db;
  url: string;
  announceChannel: SeededSlack["announceChannel"];
  opsChannel: SeededSlack["opsChannel"];
  /** Who declares the incident and runs the replay's admin commands (the first commander). */
  commander: string;
  commanders: SeededSlack["commanders"];
  regions: SeededSlack["regions"];
  /** Lines the bot logged at warn level or above (JSON), so far. */
  readonly problems: string[];
  /** The replay's own reads of the bot's database, beside the bot's connection. */
  reader: SideReader;
  /** Moves the bench clock on by `ms` of skipped idle time, in both processes. */
  skip(ms: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startStalenessWorld(options: {
  provider: Provider;
  responders: number;
  regions: number;
  start: Date;
}): Promise<StalenessWorld> {
  const clock = new BenchClock();
  const slack = await startRemoteSlack({ responders: options.responders, regions: options.regions });
  const { announceChannel, opsChannel, commanders, regions } = slack.seeded;
  const commander = commanders[0] as string;
  const database = await benchDatabase(options.provider);
  const signingSecret = randomBytes(16).toString("hex");
  let bot: BotProcess;
  try {
    bot = await startBotProcess({
      SLACK_BOT_TOKEN: slack.seeded.botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.seeded.apiUrl,
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
    await slack.stop();
    await database.drop();
    throw error;
  }
  const url = bot.url;
  // Opened once the bot has migrated its database.
  let reader: SideReader | undefined;
  let own: Awaited<ReturnType<typeof openDatabase>>;
  try {
    await slack.connect(`${url}/slack/events`, signingSecret);
    reader = await openSideReader(options.provider, database.url);
    own = await openDatabase(database.url);
  } catch (error) {
    // The bot is a process of its own: left running, it would outlive the bench.
    await reader?.close();
    await bot.kill();
    await slack.stop();
    await database.drop();
    throw error;
  }
  return {
    clock,
    slack,
    bot,
    db: own.db,
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
    async skip(ms) {
      if (ms <= 0) return;
      await slack.skip(ms);
      clock.skip(ms);
    },
    async stop() {
      await reader.close();
      await own.close();
      await bot.kill();
      await slack.stop();
      await database.drop();
    },
  };
}
