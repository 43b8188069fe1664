// Starts the real bot in-process (HTTP mode, a fresh database, a simulated clock) against the
// local Slack emulator, with a request driver that signs requests exactly as Slack does.
import { randomBytes } from "node:crypto";
import { type RunningBot, startBot } from "../../src/bot.ts";
import { loadConfig } from "../../src/config.ts";
import type { Provider } from "../../src/db/database-url.ts";
import { createTestDatabase, type TestDatabase } from "./databases.ts";
import { settleOutbox } from "./settle-outbox.ts";
import { createSlackDriver, type SlackDriver } from "./slack-driver.ts";
import { type SlackEmulator, startSlackEmulator } from "./slack-emulator/index.ts";

export const SIM_START = "2026-03-08T06:00:00.000Z";

export interface TestBotOptions {
  provider?: Provider;
  /** Extra environment (e.g. INCIDENT_ANNOUNCE_CHANNEL). */
  env?: Record<string, string>;
  emulator?: SlackEmulator;
  database?: TestDatabase;
  /** Use the system clock instead of the simulated one. */
  systemClock?: boolean;
  /** Share one signing secret between replicas behind the same "load balancer". */
  signingSecret?: string;
  /**
   * Fills the emulator before the bot starts (people and channels it should find there); may
   * return environment that names what it made (e.g. INCIDENT_ANNOUNCE_CHANNEL).
   */
  seed?: (emulator: SlackEmulator) => Record<string, string> | undefined;
}

export interface TestBot {
  bot: RunningBot;
  emulator: SlackEmulator;
  driver: SlackDriver;
  database: TestDatabase;
  /** Base URL of the bot's HTTP server. */
  url: string;
  logs: string[];
  signingSecret: string;
  /** Moves the simulated clock through POST /_sim/clock; resolves with its answer. */
  advance(by: string): Promise<{ now: string; jobsRun: number }>;
  setClock(to: string): Promise<{ now: string; jobsRun: number }>;
  /** Waits until the outbox has delivered everything that is due. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const emulator = options.emulator ?? (await startSlackEmulator());
  const seeded = options.seed?.(emulator);
  const database = options.database ?? (await createTestDatabase(options.provider ?? "sqlite"));
  const signingSecret = options.signingSecret ?? randomBytes(16).toString("hex");
  const logs: string[] = [];
  const config = loadConfig({
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: emulator.apiUrl,
    DATABASE_URL: database.url,
    PORT: "0",
    LOG_LEVEL: "debug",
    LOG_FORMAT: "json",
    // Every end-to-end test fails if the bot calls Slack while a transaction is open.
    SLACK_CALLS_IN_TRANSACTION: "refuse",
    // The emulator enforces no rate limits unless a test turns them on; such a test turns the
    // bot's pacing on too (SLACK_PACING: "slack-tiers"), others need not wait for budgets.
    SLACK_PACING: "off",
    // Tests read the status page right after changing what it shows; the test of the shared
    // read turns it on (test/e2e/status-page-load.test.ts).
    STATUS_PAGE_CACHE: "off",
    ...(options.systemClock ? {} : { INCIDENT_BOT_CLOCK: "simulated", INCIDENT_BOT_SIM_START: SIM_START }),
    ...seeded,
    ...options.env,
  });
  const bot = await startBot(config, { logDestination: { write: (line: string) => logs.push(line) } });
  const url = `http://127.0.0.1:${bot.port}`;
  const driver = createSlackDriver({ eventsUrl: `${url}/slack/events`, signingSecret, emulator });

  async function clockRequest(body: unknown) {
    const response = await fetch(`${url}/_sim/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`/_sim/clock answered ${response.status}: ${await response.text()}`);
    const answer = (await response.json()) as { now: string; jobsRun: number };
    await settle();
    return answer;
  }

  const settle = () => settleOutbox(bot);

  return {
    bot,
    emulator,
    driver,
    database,
    url,
    logs,
    signingSecret,
    advance: (by) => clockRequest({ advance: by }),
    setClock: (to) => clockRequest({ set: to }),
    settle,
    async stop() {
      await bot.stop();
      if (!options.emulator) await emulator.stop();
      if (!options.database) await database.drop();
    },
  };
}

export interface AnnouncingTestBot extends TestBot {
  /** The #incidents channel the bot announces in (INCIDENT_ANNOUNCE_CHANNEL); the bot is a member. */
  announce: string;
}

/**
 * The start many end-to-end files share: a fresh emulator with an #incidents channel the bot
 * announces in, then `seed` (as in TestBotOptions, also told the channel) before the bot starts.
 */
export async function startAnnouncingTestBot(
  seed: (emulator: SlackEmulator, announce: string) => Record<string, string> | undefined = () => undefined,
): Promise<AnnouncingTestBot> {
  let announce = "";
  const t = await startTestBot({
    seed(emulator) {
      announce = emulator.addChannel({ name: "incidents" }).id;
      return { INCIDENT_ANNOUNCE_CHANNEL: announce, ...seed(emulator, announce) };
    },
  });
  return { ...t, announce };
}
