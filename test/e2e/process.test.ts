// The bot as a process: configuration errors, fresh databases, schema checks, graceful stop.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotProcess } from "../support/bot-process.ts";
import { PG_ADMIN_URL, pgUrlFor } from "../support/pg-admin.ts";
import { type SlackEmulator, startSlackEmulator } from "../support/slack-emulator/index.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const TSX = import.meta.resolve("tsx");
/** Runs src/main.ts from an empty directory (so no .env is read) with only `env`. */
const runMain = (env: Record<string, string>) =>
  spawnSync(process.execPath, ["--import", TSX, join(ROOT, "src/main.ts")], {
    cwd: mkdtempSync(join(tmpdir(), "incident-bot-cwd-")),
    env: { PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
    // Starting tsx is slow on a busy machine; this only bounds a hang.
    timeout: 120_000,
  });

describe("the bot process", () => {
  let emulator: SlackEmulator;
  beforeAll(async () => {
    emulator = await startSlackEmulator();
  });
  afterAll(() => emulator.stop());

  it("without credentials exits 2 listing what is missing and where to get it, without a stack trace", () => {
    const result = runMain({});
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("SLACK_BOT_TOKEN is missing");
    expect(result.stderr).toContain("SLACK_SIGNING_SECRET is missing");
    expect(result.stderr).toContain("OAuth & Permissions");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("never prints a token, even a malformed one, and reports every bad value at once", () => {
    const result = runMain({
      SLACK_BOT_TOKEN: "xoxp-user-token-not-a-bot-token",
      SLACK_SIGNING_SECRET: "super-secret-signing-value",
      PORT: "eighty",
      INCIDENT_ANNOUNCE_CHANNEL: "#incidents",
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/SLACK_BOT_TOKEN must be a bot token/);
    expect(result.stderr).toMatch(/PORT/);
    expect(result.stderr).toMatch(/INCIDENT_ANNOUNCE_CHANNEL must be a channel ID/);
    expect(result.stderr).not.toContain("xoxp-user-token-not-a-bot-token");
    expect(result.stderr).not.toContain("super-secret-signing-value");
  });

  it("creates and migrates a fresh SQLite database by itself, answers /healthz, and stops cleanly on SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), "incident-bot-fresh-"));
    const bot = await startBotProcess({
      SLACK_BOT_TOKEN: emulator.botToken,
      SLACK_SIGNING_SECRET: "fresh-signing-secret-123",
      SLACK_API_URL: emulator.apiUrl,
      DATABASE_URL: `file:${join(dir, "nested", "bot.db")}`,
    });
    const health = (await (await fetch(`${bot.url}/healthz`)).json()) as { status: string };
    expect(health.status).toBe("ok");
    expect(await bot.kill("SIGTERM")).toBe(0);
    expect(bot.output.join("")).toContain("applied database migrations");
  });

  it("refuses a second bot on the same SQLite file (exit 4), and starts again after the first one dies", async () => {
    const dir = mkdtempSync(join(tmpdir(), "incident-bot-one-process-"));
    const env = {
      SLACK_BOT_TOKEN: emulator.botToken,
      SLACK_SIGNING_SECRET: "one-process-signing-secret",
      SLACK_API_URL: emulator.apiUrl,
      DATABASE_URL: `file:${join(dir, "bot.db")}`,
    };
    const first = await startBotProcess(env);
    const second = runMain({ ...env, PORT: "0" });
    expect(second.stderr).toContain("Another incident bot is already running on the SQLite database");
    expect(second.stderr).toContain("PostgreSQL");
    expect(second.stderr).not.toMatch(/\n\s+at /);
    expect(second.status).toBe(4);
    // However the first one ends, the operating system lets go of its lock: no stale lock file.
    await first.kill("SIGKILL");
    const third = await startBotProcess(env);
    expect(await third.kill("SIGTERM")).toBe(0);
  });

  it("refuses to start against a PostgreSQL schema that is behind, naming the command", async () => {
    const name = `incident_bot_behind_${process.pid}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const result = runMain({
        SLACK_BOT_TOKEN: emulator.botToken,
        SLACK_SIGNING_SECRET: "behind-signing-secret-123",
        SLACK_API_URL: emulator.apiUrl,
        DATABASE_URL: pgUrlFor(name),
      });
      expect(result.stderr).toContain("npm run db:migrate");
      expect(result.status).toBe(3);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
