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
import { cpuSecondsOf } from "./process-cpu.ts";
import { productionEnv } from "./production-env.ts";
import { type CommandTarget, sendCommand } from "./signed-command.ts";
import { load, percentile, round } from "./stats.ts";
import { measureUnderStatusTraffic, type StatusTrafficResult } from "./status-page-traffic.ts";

const ROOT = join(import.meta.dirname, "..");

/**
 * Status page views a second while measured: thousands of open tabs reloading every minute
 * (the page's own refresh while an incident is open), e.g. 3,000 tabs.
 */
const STATUS_VIEWS_PER_SECOND = 50;

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

/** Requests a process left unacknowledged past Bolt's 3 s (an older revision under load may). */
export interface UnacknowledgedCount {
  count: number;
}

/** `total` signed `/incident update` commands at `concurrency`; each one's time to the HTTP 200. */
export async function measure(
  target: CommandTarget,
  user: string,
  channel: string,
  concurrency: number,
  total: number,
  unacknowledged?: UnacknowledgedCount,
) {
  const durations = await load(total, concurrency, async (i) => {
    const response = await sendCommand(
      target,
      user,
      channel,
      `update load ${concurrency}/${i}: checkout recovering in us1`,
    );
    // Bolt answers 404 to a request nothing acknowledged within 3 s (its unhandled-request
    // timeout): what Slack shows the user as a failed command. Counted when asked to, and its
    // time (over 3 s) kept as a sample.
    if (unacknowledged && response.status === 404) {
      unacknowledged.count++;
      return;
    }
    // On an overloaded machine the bot acknowledges at its deadline that the answer follows
    // (src/slack/listeners/commands/register.ts): still an answer Slack accepts in time.
    if (
      response.status !== 200 ||
      (!response.body.includes("ok") &&
        !response.body.includes("Status update") &&
        !response.body.includes("Slack is slow to answer"))
    ) {
      throw new Error(
        `unexpected answer ${response.status} from ${target.eventsUrl}: ${response.body.slice(0, 200)}`,
      );
    }
  });
  return durations;
}

export const point = (concurrency: number, durations: number[]): LatencyPoint => ({
  concurrency,
  p50: round(percentile(durations, 50)),
  p99: round(percentile(durations, 99)),
});

/** A process under load and the channel its `/incident update` commands go to. */
export interface LoadTurn {
  target: CommandTarget;
  channel: string;
  /** Counts unacknowledged requests here instead of failing on the first one. */
  unacknowledged?: UnacknowledgedCount;
  /** The answering process, whose CPU per request the throughput rounds measure (Linux). */
  pid?: number;
}

/**
 * Warms every process up at the highest concurrency, so each already holds as many keep-alive
 * connections as the measurement uses (opening them is not what is being measured).
 */
export async function warmUp(turns: LoadTurn[], user: string, peak: number): Promise<void> {
  const warmup = Math.max(peak * 2, 100);
  for (const turn of turns) await measure(turn.target, user, turn.channel, peak, warmup, turn.unacknowledged);
}

/**
 * The order of `turns` in round `round`: rotated by one each round, so no process always runs
 * right after the same other one. A bot keeps working after its burst is answered (its outbox
 * delivers, its heap is collected), and in a fixed order that work always fell on the process
 * measured next: two copies of the same revision differed by 1.3× in p99 at concurrency 64.
 */
export function turnOrder<T>(turns: readonly T[], round: number): [number, T][] {
  return turns.map((_, k) => {
    const i = (k + round) % turns.length;
    return [i, turns[i] as T];
  });
}

/**
 * Latency of each process at `concurrency`. The processes take turns in three rounds, so a
 * change in background load on the machine falls on all of them, in an order that changes
 * every round (turnOrder); each round first reopens idle keep-alive connections.
 */
export async function measureInRounds(
  turns: LoadTurn[],
  user: string,
  concurrency: number,
  requests: number,
): Promise<LatencyPoint[]> {
  const samples = turns.map((): number[] => []);
  const perRound = requestsPerRound(concurrency, requests);
  await inRounds(turns, async (i, { target, channel, unacknowledged }) => {
    await measure(target, user, channel, concurrency, concurrency, unacknowledged);
    samples[i]?.push(...(await measure(target, user, channel, concurrency, perRound, unacknowledged)));
  });
  return samples.map((durations) => point(concurrency, durations));
}

/**
 * Requests per second each process acknowledges at `concurrency`, over `total` requests each,
 * measured in three rounds in changing order (turnOrder) like the latency, so neither gets the
 * quiet minute nor always follows the other's burst; each one's durations; and, for a turn that
 * names its process, the CPU that process used during its own turns per request answered
 * (null where /proc cannot tell). Work a bot leaves for after its turn (the outbox catching up)
 * falls outside it, so is not counted for anyone.
 */
export async function requestsPerSecondInRounds(
  turns: LoadTurn[],
  user: string,
  concurrency: number,
  total: number,
): Promise<{ perSecond: number; durations: number[]; cpuMsPerRequest: number | null }[]> {
  const perRound = requestsPerRound(concurrency, total);
  const seconds = turns.map(() => 0);
  const durations = turns.map((): number[] => []);
  const cpuSeconds = turns.map((): number | null => 0);
  await inRounds(turns, async (i, turn) => {
    const cpuBefore = cpuSecondsOf(turn.pid);
    const run = await requestsPerSecond(turn, user, concurrency, perRound);
    const cpuAfter = cpuSecondsOf(turn.pid);
    seconds[i] = (seconds[i] ?? 0) + perRound / run.perSecond;
    durations[i]?.push(...run.durations);
    const used = cpuSeconds[i] ?? null;
    cpuSeconds[i] =
      used === null || cpuBefore === null || cpuAfter === null ? null : used + cpuAfter - cpuBefore;
  });
  return seconds.map((s, i) => {
    const cpu = cpuSeconds[i] ?? null;
    return {
      perSecond: (ROUNDS * perRound) / s,
      durations: durations[i] ?? [],
      cpuMsPerRequest: cpu === null ? null : (cpu * 1000) / (ROUNDS * perRound),
    };
  });
}

/** Rounds of turns per figure. */
export const ROUNDS = 3;

/** A figure's `total` requests split over the rounds, at least one full wave of `concurrency`. */
export function requestsPerRound(concurrency: number, total: number): number {
  return Math.max(concurrency, Math.ceil(total / ROUNDS));
}

/** Visits every turn once per round, in the order turnOrder gives each round. */
async function inRounds<T>(
  turns: readonly T[],
  visit: (index: number, turn: T) => Promise<void>,
): Promise<void> {
  for (let round = 0; round < ROUNDS; round++)
    for (const [i, turn] of turnOrder(turns, round)) await visit(i, turn);
}

/** Requests per second one process acknowledges over `total` requests, and their durations. */
export async function requestsPerSecond(
  turn: LoadTurn,
  user: string,
  concurrency: number,
  total: number,
): Promise<{ perSecond: number; durations: number[] }> {
  const started = performance.now();
  const durations = await measure(turn.target, user, turn.channel, concurrency, total, turn.unacknowledged);
  return { perSecond: total / ((performance.now() - started) / 1000), durations };
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
