// 1. Ack latency under load, 2. timeline write throughput, 5. cost with history.
// Time from sending a signed `/incident update` to the HTTP 200, against a bare Bolt app on the
// same machine. The bot, the bare app and the Slack emulator each run in their own process;
// this process only generates load and times the answers.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { openDatabase } from "../src/db/client.ts";
import type { Provider } from "../src/db/database-url.ts";
import { type BotProcess, startBotProcess } from "../test/support/bot-process.ts";
import { eventually } from "../test/support/eventually.ts";
import { benchDatabase } from "./databases.ts";
import { peakRssMb } from "./heap.ts";
import { productionEnv } from "./production-env.ts";
import { type CommandTarget, sendCommand } from "./signed-command.ts";
import { load, percentile, round } from "./stats.ts";

const ROOT = join(import.meta.dirname, "..");

export interface LatencyPoint {
  concurrency: number;
  p50: number;
  p99: number;
}

export interface AppUnderLoadResult {
  provider: Provider;
  bare: LatencyPoint[];
  app: LatencyPoint[];
  /** App p99 ÷ bare-app p99, per concurrency. */
  p99Ratio: Record<string, number>;
  /** Status updates acknowledged per second (each one committed), at concurrency 16. */
  appUpdatesPerSecond: number;
  /** Requests per second the bare Bolt app answers at concurrency 16: the real ceiling. */
  bareRequestsPerSecond: number;
  scale: { quiet: LatencyPoint; busy: LatencyPoint; p50Ratio: number; p99Ratio: number };
  /** Peak resident memory of each process over the whole run (NaN without /proc). */
  peakRssMb: { bare: number; app: number };
}

export interface EmulatorInfo {
  apiUrl: string;
  url: string;
  botToken: string;
  teamId: string;
  appId: string;
  user: string;
  channel: string;
  /** Where production mirrors every update (INCIDENT_ANNOUNCE_CHANNEL). */
  announceChannel: string;
}

export async function startEmulatorProcess(): Promise<{ info: EmulatorInfo; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "bench/emulator-process.ts")], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const first = await new Promise<string>((resolve) => lines.once("line", resolve));
  return { info: JSON.parse(first) as EmulatorInfo, child };
}

async function measure(
  target: CommandTarget,
  user: string,
  channel: string,
  concurrency: number,
  total: number,
) {
  const durations = await load(total, concurrency, async (i) => {
    const response = await sendCommand(
      target,
      user,
      channel,
      `update load ${concurrency}/${i}: checkout recovering in us1`,
    );
    // On an overloaded machine the bot acknowledges at its deadline that the answer follows
    // (src/slack/listeners/commands/register.ts): still an answer Slack accepts in time.
    if (
      response.status !== 200 ||
      (!response.body.includes("ok") &&
        !response.body.includes("Status update") &&
        !response.body.includes("Slack is slow to answer"))
    ) {
      throw new Error(`unexpected answer ${response.status}: ${response.body.slice(0, 200)}`);
    }
  });
  return durations;
}

const point = (concurrency: number, durations: number[]): LatencyPoint => ({
  concurrency,
  p50: round(percentile(durations, 50)),
  p99: round(percentile(durations, 99)),
});

/** Opens incidents and fills one with timeline entries directly in the database. */
async function seedHistory(databaseUrl: string, incidentId: number, openIncidents: number, entries: number) {
  const database = await openDatabase(databaseUrl);
  const { db } = database;
  const now = new Date();
  const base = 100_000;
  for (let i = 0; i < openIncidents; i++) {
    await db.incident.create({
      data: {
        number: base + i,
        title: `Seeded incident ${i}`,
        severity: 3,
        peakSeverity: 3,
        status: "investigating",
        regions: [],
        services: [],
        declaredById: "U0SEED00000",
        createdAt: now,
        updatedAt: now,
        lastUpdateAt: now,
      },
    });
  }
  for (let done = 0; done < entries; done += 1000) {
    await db.timelineEntry.createMany({
      data: Array.from({ length: Math.min(1000, entries - done) }, (_, i) => ({
        incidentId,
        kind: "update_posted",
        occurredAt: new Date(now.getTime() - (entries - done - i) * 1000),
        recordedAt: now,
        actorId: "U0SEED00000",
        text: `seeded update ${done + i}`,
        data: { kind: "update_posted", text: `seeded update ${done + i}`, broadcast: false },
      })),
    });
  }
  await database.close();
}

export async function waitForChannel(
  databaseUrl: string,
): Promise<{ incidentId: number; channelId: string }> {
  const database = await openDatabase(databaseUrl);
  try {
    // The outbox creates the channel after the command's answer; slowly on a busy machine.
    return await eventually(
      async () => {
        const incident = await database.db.incident.findFirst({ where: { number: 1 } });
        if (!incident?.channelId) throw new Error("the incident channel was not created");
        return { incidentId: incident.id, channelId: incident.channelId };
      },
      { timeoutMs: 120_000 },
    );
  } finally {
    await database.close();
  }
}

export async function benchAppUnderLoad(
  provider: Provider,
  options: { concurrencies: number[]; requests: number; busyIncidents: number; busyEntries: number },
): Promise<AppUnderLoadResult> {
  const emulator = await startEmulatorProcess();
  const database = await benchDatabase(provider);
  const signingSecret = randomBytes(16).toString("hex");
  const env = productionEnv(emulator.info, signingSecret);
  let bare: BotProcess | undefined;
  let app: BotProcess | undefined;
  try {
    bare = await startBotProcess(env, "bench/bare-app.ts");
    app = await startBotProcess({ ...env, DATABASE_URL: database.url });
    const target = (process: BotProcess): CommandTarget => ({
      eventsUrl: `${process.url}/slack/events`,
      signingSecret,
      teamId: emulator.info.teamId,
      appId: emulator.info.appId,
      responseUrl: `${emulator.info.url}respond/bench`,
    });
    const { user } = emulator.info;
    await sendCommand(target(app), user, emulator.info.channel, "declare Benchmark incident --sev 2");
    const { incidentId, channelId } = await waitForChannel(database.url);
    // Warm up at the highest concurrency, so both servers already hold as many keep-alive
    // connections as the measurement uses (opening them is not what is being measured).
    const peak = Math.max(...options.concurrencies);
    const warmup = Math.max(peak * 2, 100);
    await measure(target(bare), user, channelId, peak, warmup);
    await measure(target(app), user, channelId, peak, warmup);
    const barePoints: LatencyPoint[] = [];
    const appPoints: LatencyPoint[] = [];
    for (const c of options.concurrencies) {
      // Bare app and bot take turns in three rounds, so a change in background load on the
      // machine falls on both; each round first reopens idle keep-alive connections.
      const bareSamples: number[] = [];
      const appSamples: number[] = [];
      const perRound = Math.max(c, Math.ceil(options.requests / 3));
      for (let round = 0; round < 3; round++) {
        await measure(target(bare), user, channelId, c, c);
        bareSamples.push(...(await measure(target(bare), user, channelId, c, perRound)));
        await measure(target(app), user, channelId, c, c);
        appSamples.push(...(await measure(target(app), user, channelId, c, perRound)));
      }
      barePoints.push(point(c, bareSamples));
      appPoints.push(point(c, appSamples));
    }
    // Throughput at concurrency 16: the bare app's requests per second, then the bot's updates.
    let started = performance.now();
    await measure(target(bare), user, channelId, 16, options.requests);
    const bareRequestsPerSecond = options.requests / ((performance.now() - started) / 1000);
    started = performance.now();
    const quietDurations = await measure(target(app), user, channelId, 16, options.requests);
    const appUpdatesPerSecond = options.requests / ((performance.now() - started) / 1000);
    await seedHistory(database.url, incidentId, options.busyIncidents, options.busyEntries);
    const busy = point(16, await measure(target(app), user, channelId, 16, options.requests));
    const quiet = point(16, quietDurations);
    const peakRss = { bare: round(peakRssMb(bare.child.pid), 1), app: round(peakRssMb(app.child.pid), 1) };
    return {
      provider,
      bare: barePoints,
      app: appPoints,
      p99Ratio: Object.fromEntries(
        options.concurrencies.map((c, i) => [
          String(c),
          round((appPoints[i]?.p99 ?? 0) / (barePoints[i]?.p99 || 1)),
        ]),
      ),
      appUpdatesPerSecond: round(appUpdatesPerSecond, 1),
      bareRequestsPerSecond: round(bareRequestsPerSecond, 1),
      scale: {
        quiet,
        busy,
        p50Ratio: round(busy.p50 / (quiet.p50 || 1)),
        p99Ratio: round(busy.p99 / (quiet.p99 || 1)),
      },
      peakRssMb: peakRss,
    };
  } finally {
    await app?.kill();
    await bare?.kill();
    emulator.child.kill("SIGTERM");
    await database.drop();
  }
}
