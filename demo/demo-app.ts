// The demo's world: the local Slack emulator seeded with the scenario's people, user groups
// and channels; a fresh SQLite database in a temporary directory; and the real bot started
// in-process in HTTP mode with the simulated clock, exactly as `npm start` would run it with
// these variables. Requests reach the bot only as signed HTTP (the request driver), and time
// moves only through POST /_sim/clock.
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningBot, startBot } from "../src/bot.ts";
import { loadConfig } from "../src/config.ts";
import { type PagerEmulator, startPagerEmulator } from "../test/support/pager-emulator/index.ts";
import { settleOutbox } from "../test/support/settle-outbox.ts";
import { createSlackDriver, type SlackDriver } from "../test/support/slack-driver.ts";
import type { SlackEmulator } from "../test/support/slack-emulator/emulator.ts";
import { startSlackEmulator } from "../test/support/slack-emulator/index.ts";
import { freePort, signInEnv } from "../test/support/web-sign-in.ts";
import type { Scenario } from "./load-scenario.ts";

export interface DemoApp {
  emulator: SlackEmulator;
  /** Local PagerDuty and Opsgenie: the late handoff pages its incoming holder there. */
  pagers: PagerEmulator;
  bot: RunningBot;
  driver: SlackDriver;
  /** The bot's base URL (http://127.0.0.1:<port>). */
  url: string;
  databaseUrl: string;
  /** The announcement channel's ID. */
  announceChannel: string;
  /** Seeded channels: scenario key → channel ID. */
  channels: Map<string, string>;
  /** Log lines the bot wrote at warn level or above (JSON). */
  problems: string[];
  /** Moves the simulated clock through POST /_sim/clock, then waits for the outbox. */
  setClock(to: Date): Promise<{ now: string; jobsRun: number }>;
  /** Waits until the outbox has delivered everything that is due now. */
  settle(): Promise<void>;
  /** Stops the bot and the emulator and deletes the database, after copying it when asked. */
  stop(options?: { keepDatabaseAt?: string }): Promise<void>;
}

/** A PagerDuty Events v2 integration key for the local emulator (32 characters). */
const DEMO_ROUTING_KEY = "demo0r0ut1ngkey00000000000000000";

function seedWorkspace(emulator: SlackEmulator, scenario: Scenario) {
  for (const person of scenario.everyone)
    emulator.addUser({
      id: person.id,
      name: person.name,
      realName: person.realName,
      tz: person.tz,
      // Pagers reach people by their Slack profile email (users:read.email).
      email: `${person.key}@example.com`,
    });
  for (const team of scenario.teams.values()) {
    if (!team.usergroupId) continue;
    emulator.addUserGroup({ id: team.usergroupId, handle: team.key, users: team.members.map((m) => m.id) });
  }
  // Announcements go to a public channel the bot is not in (chat:write.public), as in most workspaces.
  const announceChannel = emulator.addChannel({ name: scenario.announceChannel, botIsMember: false }).id;
  const channels = new Map<string, string>();
  for (const [key, members] of scenario.channels)
    channels.set(key, emulator.addChannel({ name: key, members, botIsMember: false }).id);
  return { announceChannel, channels };
}

export async function startDemoApp(scenario: Scenario): Promise<DemoApp> {
  // The emulator stamps messages with the bot's simulated time, so a pinned message's own time
  // falls on the incident's timeline.
  let now = () => scenario.start.getTime();
  const emulator = await startSlackEmulator({ now: () => now() });
  const pagers = await startPagerEmulator();
  const { announceChannel, channels } = seedWorkspace(emulator, scenario);
  const directory = mkdtempSync(join(tmpdir(), "incident-bot-demo-"));
  const databaseUrl = `file:${join(directory, "demo.db")}`;
  const signingSecret = randomBytes(16).toString("hex");
  const problems: string[] = [];
  let bot: RunningBot;
  try {
    // Sign in with Slack (against the emulator) needs the bot's URL before it listens.
    const port = await freePort();
    const config = loadConfig({
      SLACK_BOT_TOKEN: emulator.botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: emulator.apiUrl,
      DATABASE_URL: databaseUrl,
      PORT: "0",
      LOG_LEVEL: "warn",
      LOG_FORMAT: "json",
      INCIDENT_BOT_CLOCK: "simulated",
      INCIDENT_BOT_SIM_START: scenario.start.toISOString(),
      // A drill: a Slack call inside a transaction is a bug to see, not to ride out.
      SLACK_CALLS_IN_TRANSACTION: "refuse",
      INCIDENT_ANNOUNCE_CHANNEL: announceChannel,
      ROTATIONS_FILE: scenario.rotationsFile,
      DISPLAY_TIME_ZONE: scenario.displayTimeZone,
      INCIDENT_ADMINS: scenario.admins.join(","),
      PAGERDUTY_ROUTING_KEY: DEMO_ROUTING_KEY,
      ...pagers.env(["pagerduty", "opsgenie"]),
      // The internal incident pages, behind Sign in with Slack through the emulator.
      ...signInEnv(emulator, port),
    });
    bot = await startBot(config, {
      logDestination: {
        write: (line: string) => {
          // The simulated-clock warning is expected in a demo; anything else is worth showing.
          if (!line.includes("SIMULATED CLOCK")) problems.push(line);
        },
      },
    });
  } catch (error) {
    await emulator.stop();
    await pagers.stop();
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  now = () => bot.clock.now().getTime();
  const url = `http://127.0.0.1:${bot.port}`;
  const driver = createSlackDriver({ eventsUrl: `${url}/slack/events`, signingSecret, emulator });

  const settle = () => settleOutbox(bot);

  async function setClock(to: Date) {
    const response = await fetch(`${url}/_sim/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ set: to.toISOString() }),
    });
    if (!response.ok) throw new Error(`/_sim/clock answered ${response.status}: ${await response.text()}`);
    const answer = (await response.json()) as { now: string; jobsRun: number };
    await settle();
    return answer;
  }

  let stopped: Promise<void> | undefined;
  return {
    emulator,
    pagers,
    bot,
    driver,
    url,
    databaseUrl,
    announceChannel,
    channels,
    problems,
    setClock,
    settle,
    stop(options = {}) {
      stopped ??= (async () => {
        await bot.stop();
        await emulator.stop();
        await pagers.stop();
        // Once the bot has closed it, the database is one file (SQLite folds its WAL back in).
        if (options.keepDatabaseAt) copyFileSync(join(directory, "demo.db"), options.keepDatabaseAt);
        rmSync(directory, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}
