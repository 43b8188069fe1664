// 1. Ack latency under load, and 5. its growth with history: time from sending a signed
// `/incident update` to the HTTP 200, against a bare Bolt app on the same machine.
import { randomBytes } from "node:crypto";
import { openDatabase } from "../src/db/client.ts";
import type { Provider } from "../src/db/database-url.ts";
import { type BotProcess, startBotProcess } from "../test/support/bot-process.ts";
import { createSlackDriver, type SlackDriver } from "../test/support/slack-driver.ts";
import { type SlackEmulator, startSlackEmulator } from "../test/support/slack-emulator/index.ts";
import { benchDatabase } from "./databases.ts";
import { load, percentile, round } from "./stats.ts";

export interface LatencyPoint {
  concurrency: number;
  p50: number;
  p99: number;
}

async function measure(
  driver: SlackDriver,
  user: string,
  channel: string,
  concurrency: number,
  total: number,
): Promise<LatencyPoint> {
  const durations = await load(total, concurrency, async (i) => {
    const response = await driver.command(`update load test ${concurrency}/${i}: checkout recovering`, {
      user,
      channel,
    });
    if (response.status !== 200)
      throw new Error(
        `status ${response.status} from ${driver === undefined ? "" : "target"} i=${i} c=${concurrency}: ${response.body}`,
      );
  });
  return { concurrency, p50: round(percentile(durations, 50)), p99: round(percentile(durations, 99)) };
}

interface Target {
  process: BotProcess;
  driver: SlackDriver;
}

async function start(emulator: SlackEmulator, env: Record<string, string>, script?: string): Promise<Target> {
  const signingSecret = randomBytes(16).toString("hex");
  const process = await startBotProcess(
    {
      SLACK_BOT_TOKEN: emulator.botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: emulator.apiUrl,
      LOG_LEVEL: "warn",
      ...env,
    },
    script,
  );
  return {
    process,
    driver: createSlackDriver({ eventsUrl: `${process.url}/slack/events`, signingSecret, emulator }),
  };
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Opens incidents and fills one with timeline entries directly in the database. */
async function seedHistory(databaseUrl: string, openIncidents: number, entries: number): Promise<void> {
  const database = await openDatabase(databaseUrl);
  const { db } = database;
  const now = new Date();
  const base = (await db.incident.count()) + 1000;
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
        declaredById: "U0SEED0000",
        createdAt: now,
        updatedAt: now,
        lastUpdateAt: now,
      },
    });
  }
  const target = await db.incident.findFirstOrThrow({ where: { number: base } });
  for (let done = 0; done < entries; done += 1000) {
    await db.timelineEntry.createMany({
      data: Array.from({ length: Math.min(1000, entries - done) }, (_, i) => ({
        incidentId: target.id,
        kind: "update_posted",
        occurredAt: new Date(now.getTime() - (entries - done - i) * 1000),
        recordedAt: now,
        actorId: "U0SEED0000",
        text: `seeded update ${done + i}`,
        data: { kind: "update_posted", text: `seeded update ${done + i}`, broadcast: true },
      })),
    });
  }
  await database.close();
}

export interface AckLatencyResult {
  provider: Provider;
  bare: LatencyPoint[];
  app: LatencyPoint[];
  /** p99 of the app over p99 of the bare app, per concurrency. */
  p99Ratio: Record<number, number>;
  scale: { quiet: LatencyPoint; busy: LatencyPoint; ratio: number };
}

export async function benchAckLatency(
  provider: Provider,
  options: { concurrencies: number[]; requests: number; busyIncidents: number; busyEntries: number },
): Promise<AckLatencyResult> {
  const emulator = await startSlackEmulator({ maxRecordedCalls: 1000 });
  const database = await benchDatabase(provider);
  const user = emulator.addUser({ name: "bench" }).id;
  const general = emulator.addChannel({ name: "general", members: [user] }).id;
  const bare = await start(emulator, {}, "bench/bare-app.ts");
  const app = await start(emulator, { DATABASE_URL: database.url });
  try {
    await app.driver.command("declare Benchmark incident --sev 2", { user, channel: general });
    await waitFor(() => Boolean(emulator.channelByName("inc-1-benchmark-incident")), "the incident channel");
    const channel = emulator.channelByName("inc-1-benchmark-incident")!.id;
    const warmup = Math.min(50, options.requests);
    await measure(bare.driver, user, channel, 8, warmup);
    await measure(app.driver, user, channel, 8, warmup);
    const barePoints: LatencyPoint[] = [];
    const appPoints: LatencyPoint[] = [];
    for (const c of options.concurrencies) {
      barePoints.push(await measure(bare.driver, user, channel, c, options.requests));
      appPoints.push(await measure(app.driver, user, channel, c, options.requests));
    }
    const scaleConcurrency = 16;
    const quiet = await measure(app.driver, user, channel, scaleConcurrency, options.requests);
    await seedHistory(database.url, options.busyIncidents, options.busyEntries);
    const busy = await measure(app.driver, user, channel, scaleConcurrency, options.requests);
    return {
      provider,
      bare: barePoints,
      app: appPoints,
      p99Ratio: Object.fromEntries(
        options.concurrencies.map((c, i) => [c, round((appPoints[i]?.p99 ?? 0) / (barePoints[i]?.p99 || 1))]),
      ),
      scale: { quiet, busy, ratio: round(busy.p50 / (quiet.p50 || 1)) },
    };
  } finally {
    await app.process.kill();
    await bare.process.kill();
    await emulator.stop();
    await database.drop();
  }
}
