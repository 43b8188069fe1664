// The set-up of the SIGKILL drills (crash-safety, canvas-crash): a Slack emulator and a SQLite
// database that outlive the bot processes, the process environment pointing at them, a signed
// driver for a running process, and the restart every drill ends with: start the bot again,
// wait until its outbox has delivered everything, then check what Slack and the database hold.
// Call useCrashDrill() inside a describe: it starts and stops the emulator and database there.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.ts";
import { type BotProcess, startBotProcess } from "./bot-process.ts";
import { createTestDatabase, type TestDatabase } from "./databases.ts";
import { eventually } from "./eventually.ts";
import { createSlackDriver, type SlackDriver } from "./slack-driver.ts";
import { type SlackEmulator, startSlackEmulator } from "./slack-emulator/index.ts";

export interface CrashDrill {
  readonly emulator: SlackEmulator;
  /** The bot's environment: the emulator, the database, the signing secret, then `extra`. */
  env(extra?: Record<string, string>): Record<string, string>;
  /** A driver signing requests to `bot` as Slack would. */
  driverFor(bot: BotProcess): SlackDriver;
  /**
   * Starts the bot again with `env`, waits (up to a minute) until no outbox row is left
   * undelivered, runs `check` with the database, then stops the bot.
   */
  restartAndDrain(env: Record<string, string>, check: (database: Database) => Promise<void>): Promise<void>;
}

export function useCrashDrill(): CrashDrill {
  let emulator: SlackEmulator | undefined;
  let database: TestDatabase | undefined;
  const signingSecret = randomBytes(16).toString("hex");

  beforeAll(async () => {
    emulator = await startSlackEmulator();
    database = await createTestDatabase("sqlite");
  });
  afterAll(async () => {
    await emulator?.stop();
    await database?.drop();
  });

  const started = () => {
    if (!emulator || !database) throw new Error("useCrashDrill: used before its beforeAll ran");
    return { emulator, database };
  };

  return {
    get emulator() {
      return started().emulator;
    },
    env(extra = {}) {
      const { emulator, database } = started();
      return {
        SLACK_BOT_TOKEN: emulator.botToken,
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: emulator.apiUrl,
        DATABASE_URL: database.url,
        ...extra,
      };
    },
    driverFor(bot) {
      return createSlackDriver({
        eventsUrl: `${bot.url}/slack/events`,
        signingSecret,
        emulator: started().emulator,
      });
    },
    async restartAndDrain(env, check) {
      const second = await startBotProcess(env);
      const db = await openDatabase(started().database.url);
      try {
        await eventually(
          async () => expect(await db.db.outboxMessage.count({ where: { status: { not: "done" } } })).toBe(0),
          { timeoutMs: 60_000 },
        );
        await check(db);
      } finally {
        await db.close();
        await second.kill("SIGTERM");
      }
    },
  };
}
