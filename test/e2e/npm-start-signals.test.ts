// `npm start` (the quick start) stops as gracefully as `node dist/main.js`, whichever way the
// signal arrives: to npm alone (a container runtime with npm as PID 1) or to the whole process
// group (systemd, Ctrl-C). npm runs scripts through `sh -c`, and dash does not exec the last
// command: the script execs node itself, so npm's forwarded signal reaches the bot, not a shell
// that would die and orphan it with the port and database still held.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.ts";
import { freePort } from "../support/bot-process.ts";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";
import { eventually, present } from "../support/eventually.ts";
import { outboxPostsInNewChannels } from "../support/outbox-posts.ts";
import { createSlackDriver } from "../support/slack-driver.ts";
import { type SlackEmulator, startSlackEmulator } from "../support/slack-emulator/index.ts";

const ROOT = join(import.meta.dirname, "..", "..");

interface NpmStart {
  npm: ChildProcess;
  url: string;
  botPid: number;
  output: string[];
  exited: Promise<number | null>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("npm start and signals", () => {
  let emulator: SlackEmulator;
  const signingSecret = randomBytes(16).toString("hex");
  const databases: TestDatabase[] = [];
  const started: NpmStart[] = [];

  beforeAll(async () => {
    emulator = await startSlackEmulator();
  });
  afterAll(async () => {
    for (const s of started) {
      if (alive(s.botPid)) process.kill(s.botPid, "SIGKILL");
      if (s.npm.exitCode === null && s.npm.pid) process.kill(-s.npm.pid, "SIGKILL");
    }
    await emulator.stop();
    for (const database of databases) await database.drop();
  });

  /** `npm start` in its own process group; resolves once the bot answers /healthz. */
  async function npmStart(): Promise<NpmStart> {
    const database = await createTestDatabase("sqlite");
    databases.push(database);
    const port = await freePort();
    const npm = spawn("npm", ["start"], {
      cwd: ROOT,
      detached: true, // its own process group, as under systemd or a terminal
      env: {
        ...process.env,
        SLACK_BOT_TOKEN: emulator.botToken,
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: emulator.apiUrl,
        DATABASE_URL: database.url,
        PORT: String(port),
        LOG_FORMAT: "json",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output: string[] = [];
    npm.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    npm.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    const exited = new Promise<number | null>((resolve) => npm.on("exit", (code) => resolve(code)));
    const running = await eventually(
      () => {
        const line = output
          .join("")
          .split("\n")
          .find((l) => l.includes('"msg":"incident bot is running"'));
        return present(line ? (JSON.parse(line) as { pid: number }) : undefined, "the bot's start-up line");
      },
      { timeoutMs: 120_000 },
    );
    const start = { npm, url: `http://127.0.0.1:${port}`, botPid: running.pid, output, exited };
    started.push(start);
    return start;
  }

  it("SIGTERM to npm alone stops the bot: no orphan, the port is released, exit 0", async () => {
    const s = await npmStart();
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    s.npm.kill("SIGTERM");
    expect(await s.exited).toBe(0);
    expect(s.output.join("")).toContain('"msg":"stopped"');
    await eventually(() => expect(alive(s.botPid)).toBe(false));
    await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();
  });

  it("SIGTERM to the process group mid-delivery finishes that delivery and exits 0", async () => {
    const s = await npmStart();
    const ic = emulator.addUser({ name: "gus" }).id;
    const general = emulator.addChannel({ name: "general-group", members: [ic] }).id;
    const driver = createSlackDriver({ eventsUrl: `${s.url}/slack/events`, signingSecret, emulator });
    const outboxPosts = outboxPostsInNewChannels(emulator);

    // Long enough that the post is still in flight after both signals, on a loaded machine too.
    emulator.injectFault({ method: "chat.postMessage", kind: "delay", delayMs: 6_000, times: 1 });
    await driver.command("declare Group signal drill --sev 3", { user: ic, channel: general });
    await eventually(() => expect(outboxPosts().length).toBeGreaterThan(0));
    const inFlight = outboxPosts()[0];

    // What systemd's default KillMode and Ctrl-C do: every process in the group gets it, so
    // the bot hears it twice (directly and forwarded by npm).
    process.kill(-(s.npm.pid as number), "SIGTERM");
    // npm's forwarded copy may come late on a busy machine (after the bot has exited), so the
    // repeat is also sent straight to the bot once it has started stopping, the post in flight.
    await eventually(() => expect(s.output.join("")).toContain("shutdown requested"));
    process.kill(s.botPid, "SIGTERM");
    expect(await s.exited).toBe(0);
    await eventually(() => expect(alive(s.botPid)).toBe(false));
    const log = s.output.join("");
    expect(log).toContain("already stopping");
    expect(log).toContain('"msg":"stopped"');

    const database = databases.at(-1) as TestDatabase;
    const db = await openDatabase(database.url);
    try {
      const message = await db.db.outboxMessage.findUniqueOrThrow({ where: { id: inFlight as number } });
      expect(message.status).toBe("done");
      expect(await db.db.lease.count()).toBe(0);
    } finally {
      await db.close();
    }
    expect(outboxPosts().filter((id) => id === inFlight)).toHaveLength(1);
  });
});
