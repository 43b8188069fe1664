// The production start: `npm run build` compiles src/ (and Prisma's generated client) to
// dist/, and `node dist/main.js` runs it under plain node, no tsx. SIGTERM in the middle of a
// Slack delivery lets that delivery finish and be recorded, releases the lanes, and exits 0.
// SIGUSR2 changes the log level of the running process.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.ts";
import { OUTBOX_METADATA_TYPE } from "../../src/outbox/deliveries/post-once.ts";
import { startBotProcess } from "../support/bot-process.ts";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";
import { eventually } from "../support/eventually.ts";
import { outboxPostsInNewChannels } from "../support/outbox-posts.ts";
import { createSlackDriver } from "../support/slack-driver.ts";
import { type SlackEmulator, startSlackEmulator } from "../support/slack-emulator/index.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

describe("the production build", () => {
  let emulator: SlackEmulator;
  let database: TestDatabase;
  const signingSecret = randomBytes(16).toString("hex");

  beforeAll(async () => {
    // The real build script, once: a type-only compile of src/ (seconds), no bundler.
    const build = spawnSync(NPM, ["run", "build"], { cwd: ROOT, encoding: "utf8", timeout: 300_000 });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
    emulator = await startSlackEmulator();
    database = await createTestDatabase("sqlite");
  });
  afterAll(async () => {
    await emulator?.stop();
    await database?.drop();
  });

  it("compiles to JavaScript that plain node runs, Prisma's generated client included", () => {
    expect(existsSync(join(ROOT, "dist", "main.js"))).toBe(true);
    expect(existsSync(join(ROOT, "dist", "db", "generated", "sqlite", "client.js"))).toBe(true);
    expect(existsSync(join(ROOT, "dist", "db", "generated", "postgresql", "client.js"))).toBe(true);
  });

  it("finishes the delivery in flight on SIGTERM, records it once, releases its lanes and exits 0", async () => {
    const bot = await startBotProcess(
      {
        SLACK_BOT_TOKEN: emulator.botToken,
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: emulator.apiUrl,
        DATABASE_URL: database.url,
      },
      "dist/main.js",
    );
    // SIGUSR2 turns debug logging on without a restart (LOG_LEVEL is info here).
    const levelChanges = () =>
      bot.output
        .join("")
        .split("\n")
        .filter((line) => line.includes('"event":"log_level_changed"'))
        .map((line) => (JSON.parse(line) as { from: string; to: string }).to);
    expect(bot.output.join("")).not.toContain('"level":20');
    bot.child.kill("SIGUSR2");
    await eventually(() => expect(levelChanges()).toEqual(["debug"]));

    const ic = emulator.addUser({ name: "ines" }).id;
    const general = emulator.addChannel({ name: "general", members: [ic] }).id;
    const driver = createSlackDriver({ eventsUrl: `${bot.url}/slack/events`, signingSecret, emulator });

    // Slack takes the first post at once but answers 3 s later: SIGTERM lands in that window.
    emulator.injectFault({ method: "chat.postMessage", kind: "delay", delayMs: 3_000, times: 1 });
    const answer = await driver.command("declare Shutdown drill --sev 3", { user: ic, channel: general });
    expect(answer.status).toBe(200);
    const outboxPosts = () =>
      emulator
        .channels()
        .flatMap((c) => emulator.messages(c.id))
        .filter((m) => m.metadata?.event_type === OUTBOX_METADATA_TYPE)
        .map((m) => (m.metadata?.event_payload as { outbox_id?: number } | undefined)?.outbox_id);
    await eventually(() => expect(outboxPosts().length).toBeGreaterThan(0));
    const inFlight = outboxPosts()[0];
    // Debug lines from the components made at start-up (Bolt, the Slack client) now appear.
    expect(bot.output.join("")).toContain('"level":20');

    expect(await bot.kill("SIGTERM")).toBe(0);
    const log = bot.output.join("");
    expect(log).toContain("shutdown requested");
    expect(log).toContain('"msg":"stopped"');

    const db = await openDatabase(database.url);
    try {
      const message = await db.db.outboxMessage.findUniqueOrThrow({ where: { id: inFlight } });
      expect(message.status).toBe("done");
      expect(await db.db.lease.count()).toBe(0);
    } finally {
      await db.close();
    }
    expect(outboxPosts().filter((id) => id === inFlight)).toHaveLength(1);

    // The compiled backup command runs under plain node too.
    const copy = join(mkdtempSync(join(tmpdir(), "incident-bot-build-backup-")), "copy.db");
    const backup = spawnSync(process.execPath, [join(ROOT, "dist", "cli", "backup.js"), copy], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", DATABASE_URL: database.url },
      encoding: "utf8",
    });
    expect(backup.stderr).toBe("");
    expect(backup.status).toBe(0);
    const copied = await openDatabase(`file:${copy}`);
    try {
      expect((await copied.db.incident.findMany()).map((i) => i.title)).toEqual(["Shutdown drill"]);
    } finally {
      await copied.close();
    }

    // A restart delivers the rest and never posts the finished one again.
    const again = await startBotProcess(
      {
        SLACK_BOT_TOKEN: emulator.botToken,
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: emulator.apiUrl,
        DATABASE_URL: database.url,
        SCHEDULER_CRON: "*/1 * * * * *",
      },
      "dist/main.js",
    );
    const reopened = await openDatabase(database.url);
    try {
      await eventually(
        async () =>
          expect(await reopened.db.outboxMessage.count({ where: { status: { not: "done" } } })).toBe(0),
        { timeoutMs: 60_000 },
      );
      const posts = outboxPosts();
      expect(posts.length).toBe(new Set(posts).size);
    } finally {
      await reopened.close();
      expect(await again.kill("SIGTERM")).toBe(0);
    }
  });

  it("exits 1 when a stop outlasts SHUTDOWN_TIMEOUT, and the next start finishes without posting twice", async () => {
    const slow = await createTestDatabase("sqlite");
    const env = {
      SLACK_BOT_TOKEN: emulator.botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: emulator.apiUrl,
      DATABASE_URL: slow.url,
      SHUTDOWN_TIMEOUT: "1s",
      SCHEDULER_CRON: "*/1 * * * * *",
    };
    const bot = await startBotProcess(env, "dist/main.js");
    const ic = emulator.addUser({ name: "hana" }).id;
    const general = emulator.addChannel({ name: "general-slow", members: [ic] }).id;
    const driver = createSlackDriver({ eventsUrl: `${bot.url}/slack/events`, signingSecret, emulator });
    const posts = outboxPostsInNewChannels(emulator);

    // Slack posts at once and answers only after the bot's own 10 s call timeout.
    emulator.injectFault({ method: "chat.postMessage", kind: "delay", delayMs: 30_000, times: 1 });
    await driver.command("declare Slow stop drill --sev 3", { user: ic, channel: general });
    await eventually(() => expect(posts().length).toBeGreaterThan(0));
    const inFlight = posts()[0];

    expect(await bot.kill("SIGTERM")).toBe(1);
    expect(bot.output.join("")).toContain("graceful stop did not finish in time");

    const again = await startBotProcess({ ...env, SHUTDOWN_TIMEOUT: "25s" }, "dist/main.js");
    const db = await openDatabase(slow.url);
    try {
      await eventually(
        async () => expect(await db.db.outboxMessage.count({ where: { status: { not: "done" } } })).toBe(0),
        { timeoutMs: 60_000 },
      );
    } finally {
      await db.close();
      expect(await again.kill("SIGTERM")).toBe(0);
      await slow.drop();
    }
    expect(posts().filter((id) => id === inFlight)).toHaveLength(1);
    expect(posts().length).toBe(new Set(posts()).size);
  });
});
