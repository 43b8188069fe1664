// 1. Ack latency under load, 2. timeline write throughput, 5. cost with history and of the status
// page's audience (status-page-traffic.ts); the rounds themselves are load-rounds.ts.
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
import {
  type LatencyPoint,
  measure,
  measureInRounds,
  requestsPerSecondInRounds,
  warmUp,
} from "./load-rounds.ts";
import { productionEnv } from "./production-env.ts";
import { type CommandTarget, sendCommand } from "./signed-command.ts";
import { round } from "./stats.ts";
import { measureUnderStatusTraffic, type StatusTrafficResult } from "./status-page-traffic.ts";

const ROOT = join(import.meta.dirname, "..");

/**
 * Status page views a second while measured: thousands of open tabs reloading every minute
 * (the page's own refresh while an incident is open), e.g. 3,000 tabs.
 */
const STATUS_VIEWS_PER_SECOND = 50;

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
  /**
   * CPU each process used per request over its own throughput turns (ms): the bot per update,
   * the bare app per request. Null where /proc cannot tell (not Linux).
   */
  cpuMsPerRequest: { bare: number; app: number } | null;
  scale: { quiet: LatencyPoint; busy: LatencyPoint; p50Ratio: number; p99Ratio: number };
  /** The busy bot with its public status page viewed steadily, against without. */
  statusTraffic: StatusTrafficResult;
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

/** Where and how to send signed commands to a process started with the emulator's settings. */
export function commandTarget(
  process: BotProcess,
  emulator: EmulatorInfo,
  signingSecret: string,
): CommandTarget {
  return {
    eventsUrl: `${process.url}/slack/events`,
    signingSecret,
    teamId: emulator.teamId,
    appId: emulator.appId,
    responseUrl: `${emulator.url}respond/bench`,
  };
}

/** Opens incidents and fills one with timeline entries directly in the database, and publishes it. */
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
  // On the public status page, as an incident of that size is (see status-page-traffic.ts).
  await db.incident.update({ where: { id: incidentId }, data: { publishedAt: now } });
  for (let done = 0; done < entries; done += 1000) {
    await db.timelineEntry.createMany({
      data: Array.from({ length: Math.min(1000, entries - done) }, (_, i) => ({
        incidentId,
        kind: "update_posted",
        occurredAt: new Date(now.getTime() - (entries - done - i) * 1000),
        recordedAt: now,
        actorId: "U0SEED00000",
        text: `seeded update ${done + i}`,
        // One in a hundred went to the status page too (about 200 of 20,000, as on 8 March 2023).
        data: {
          kind: "update_posted",
          text: `seeded update ${done + i}`,
          broadcast: false,
          ...((done + i) % 100 === 0 ? { public: true } : {}),
        },
      })),
    });
  }
  await database.close();
}

/**
 * Incident 1's id and channel once the outbox has created it. Plain SQL, not the model query:
 * `npm run bench:compare` reads an older revision's database, whose tables lack newer columns.
 */
export async function waitForChannel(
  databaseUrl: string,
): Promise<{ incidentId: number; channelId: string }> {
  const database = await openDatabase(databaseUrl);
  try {
    // The outbox creates the channel after the command's answer; slowly on a busy machine.
    return await eventually(
      async () => {
        const [incident] = await database.db.$queryRaw<{ id: number | bigint; channelId: string | null }[]>`
          SELECT "id", "channelId" FROM "Incident" WHERE "number" = 1`;
        if (!incident?.channelId) throw new Error("the incident channel was not created");
        return { incidentId: Number(incident.id), channelId: incident.channelId };
      },
      { timeoutMs: 120_000 },
    );
  } finally {
    await database.close();
  }
}

/**
 * The bot against the bare Bolt app, and the cost of history: a second bot on a database of its
 * own holding `busyIncidents` more open incidents and `busyEntries` timeline entries in the
 * incident its updates go to, measured in rounds against the first (quiet) bot, so the busy
 * figure is as exposed to a single stall, and as protected from it, as every other figure.
 */
export async function benchAppUnderLoad(
  provider: Provider,
  options: { concurrencies: number[]; requests: number; busyIncidents: number; busyEntries: number },
): Promise<AppUnderLoadResult> {
  const emulator = await startEmulatorProcess();
  const database = await benchDatabase(provider);
  const busyDatabase = await benchDatabase(provider);
  const signingSecret = randomBytes(16).toString("hex");
  const env = productionEnv(emulator.info, signingSecret);
  let bare: BotProcess | undefined;
  let app: BotProcess | undefined;
  let busyApp: BotProcess | undefined;
  try {
    bare = await startBotProcess(env, "bench/bare-app.ts");
    app = await startBotProcess({ ...env, DATABASE_URL: database.url });
    busyApp = await startBotProcess({ ...env, DATABASE_URL: busyDatabase.url });
    const target = (process: BotProcess) => commandTarget(process, emulator.info, signingSecret);
    const { user } = emulator.info;
    await sendCommand(target(app), user, emulator.info.channel, "declare Benchmark incident --sev 2");
    await sendCommand(
      target(busyApp),
      user,
      emulator.info.channel,
      "declare Busy benchmark incident --sev 2",
    );
    const { channelId } = await waitForChannel(database.url);
    const busyIncident = await waitForChannel(busyDatabase.url);
    await seedHistory(busyDatabase.url, busyIncident.incidentId, options.busyIncidents, options.busyEntries);
    const bareTurn = { target: target(bare), channel: channelId, pid: bare.child.pid };
    const appTurn = { target: target(app), channel: channelId, pid: app.child.pid };
    const busyTurn = { target: target(busyApp), channel: busyIncident.channelId };
    await warmUp([bareTurn, appTurn, busyTurn], user, Math.max(...options.concurrencies));
    const barePoints: LatencyPoint[] = [];
    const appPoints: LatencyPoint[] = [];
    for (const c of options.concurrencies) {
      const [barePoint, appPoint] = await measureInRounds([bareTurn, appTurn], user, c, options.requests);
      if (barePoint) barePoints.push(barePoint);
      if (appPoint) appPoints.push(appPoint);
    }
    // Throughput at concurrency 16: the bare app's requests per second and the bot's updates.
    const [bareRun, appRun] = await requestsPerSecondInRounds(
      [bareTurn, appTurn],
      user,
      16,
      options.requests,
    );
    const bareRequestsPerSecond = bareRun?.perSecond ?? 0;
    const appUpdatesPerSecond = appRun?.perSecond ?? 0;
    const [bareCpu, appCpu] = [bareRun?.cpuMsPerRequest, appRun?.cpuMsPerRequest];
    const cpuMsPerRequest =
      bareCpu != null && appCpu != null ? { bare: round(bareCpu, 3), app: round(appCpu, 3) } : null;
    // By now the quiet bot has answered thousands of updates and the busy one only the warm-up;
    // V8 takes about 2,000 to settle (bench/profile-commands.ts), so the busy bot gets as many
    // as a figure before the two are compared (unwarmed, its p50 came out 1.5-2x the quiet one's).
    await measure(busyTurn.target, user, busyTurn.channel, 16, options.requests);
    const [quiet, busy] = await measureInRounds([appTurn, busyTurn], user, 16, options.requests);
    if (!quiet || !busy) throw new Error("the quiet and busy bots were not both measured");
    const statusTraffic = await measureUnderStatusTraffic(busyTurn, busyApp.url, user, {
      concurrency: 16,
      requests: options.requests,
      viewsPerSecond: STATUS_VIEWS_PER_SECOND,
    });
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
      cpuMsPerRequest,
      scale: {
        quiet,
        busy,
        p50Ratio: round(busy.p50 / (quiet.p50 || 1)),
        p99Ratio: round(busy.p99 / (quiet.p99 || 1)),
      },
      statusTraffic,
      peakRssMb: peakRss,
    };
  } finally {
    await busyApp?.kill();
    await app?.kill();
    await bare?.kill();
    emulator.child.kill("SIGTERM");
    await database.drop();
    await busyDatabase.drop();
  }
}
