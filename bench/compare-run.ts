// One same-run comparison of two revisions of the bot (see bench/compare.ts): one Slack
// emulator, the bare Bolt app, and each revision as its own process on its own fresh database
// migrated by its own code, all in the production configuration; they take turns under the same
// load, so background load on the machine falls on each of them.
import { randomBytes } from "node:crypto";
import type { Provider } from "../src/db/database-url.ts";
import { type BotProcess, startBotProcess } from "../test/support/bot-process.ts";
import { commandTarget, startEmulatorProcess, waitForChannel } from "./ack-latency.ts";
import { type BenchDatabase, benchDatabase } from "./databases.ts";
import {
  type LatencyPoint,
  type LoadTurn,
  measureInRounds,
  requestsPerSecondInRounds,
  warmUp,
} from "./load-rounds.ts";
import { productionEnv } from "./production-env.ts";
import { migrateWith } from "./revision-checkout.ts";
import { sendCommand } from "./signed-command.ts";
import { round } from "./stats.ts";

/** A revision under comparison, ready to run from `root`. */
export interface Revision {
  /** What it is: a commit id, or "working tree". */
  label: string;
  root: string;
}

export interface CompareSizes {
  concurrencies: number[];
  /** Requests per latency point (split over three rounds) and for the throughput figure. */
  requests: number;
}

/**
 * Requests each bot left unacknowledged past Bolt's 3 s while a figure was measured (Slack shows
 * them as failed commands; their times stay in the samples). A revision that acknowledges at a
 * deadline that the answer follows has none.
 */
export interface Unacknowledged {
  base: number;
  head: number;
}

export interface ProviderComparison {
  provider: Provider;
  latency: {
    concurrency: number;
    bare: LatencyPoint;
    base: LatencyPoint;
    head: LatencyPoint;
    unacknowledged: Unacknowledged;
  }[];
  /** At concurrency 16: requests the bare app answers, updates each revision acknowledges, per second. */
  throughput: {
    concurrency: number;
    bare: number;
    base: number;
    head: number;
    unacknowledged: Unacknowledged;
    /**
     * CPU each process used during its own throughput turns, per request it answered (ms):
     * tells CPU spent from time waited (its noise: compare-report.ts TOLERANCE). Null where
     * /proc cannot tell (not Linux).
     */
    cpuMsPerRequest: { bare: number; base: number; head: number } | null;
  };
}

/** Updates/s of the throughput figure: measured in three rounds too, so no side gets the quiet minute. */
const THROUGHPUT_CONCURRENCY = 16;

async function startRevision(
  revision: Revision,
  provider: Provider,
  env: Record<string, string>,
): Promise<{ bot: BotProcess; database: BenchDatabase }> {
  const database = await benchDatabase(provider, { migrate: false });
  try {
    await migrateWith(revision.root, database.url);
    const bot = await startBotProcess({ ...env, DATABASE_URL: database.url }, "src/main.ts", [], {
      root: revision.root,
    });
    return { bot, database };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

export async function compareOnProvider(
  provider: Provider,
  revisions: { base: Revision; head: Revision },
  sizes: CompareSizes,
  log: (line: string) => void,
): Promise<ProviderComparison> {
  const emulator = await startEmulatorProcess();
  const signingSecret = randomBytes(16).toString("hex");
  const env = productionEnv(emulator.info, signingSecret);
  const started: { bot: BotProcess; database?: BenchDatabase }[] = [];
  try {
    const bare = await startBotProcess(env, "bench/bare-app.ts");
    started.push({ bot: bare });
    log(`${provider}: migrating and starting the base bot (${revisions.base.label})…`);
    const base = await startRevision(revisions.base, provider, env);
    started.push(base);
    log(`${provider}: migrating and starting the head bot (${revisions.head.label})…`);
    const head = await startRevision(revisions.head, provider, env);
    started.push(head);
    const target = (process: BotProcess) => commandTarget(process, emulator.info, signingSecret);
    const { user, channel } = emulator.info;
    // Each bot declares its own incident 1 (titles differ so the channel names do not).
    const incidentChannel = async (
      side: "base" | "head",
      run: { bot: BotProcess; database: BenchDatabase },
    ) => {
      const answer = await sendCommand(target(run.bot), user, channel, `declare Benchmark ${side} --sev 2`);
      if (answer.status !== 200) throw new Error(`${side} did not accept the declaration: ${answer.status}`);
      return (await waitForChannel(run.database.url)).channelId;
    };
    const baseChannel = await incidentChannel("base", base);
    const headChannel = await incidentChannel("head", head);
    const baseUnacknowledged = { count: 0 };
    const headUnacknowledged = { count: 0 };
    const turns: LoadTurn[] = [
      { target: target(bare), channel: headChannel, pid: bare.child.pid },
      {
        target: target(base.bot),
        channel: baseChannel,
        unacknowledged: baseUnacknowledged,
        pid: base.bot.child.pid,
      },
      {
        target: target(head.bot),
        channel: headChannel,
        unacknowledged: headUnacknowledged,
        pid: head.bot.child.pid,
      },
    ];
    /** Unacknowledged requests since the last call: those of the figure just measured. */
    const unacknowledgedSince = () => {
      const counted = { base: baseUnacknowledged.count, head: headUnacknowledged.count };
      baseUnacknowledged.count = 0;
      headUnacknowledged.count = 0;
      return counted;
    };
    await warmUp(turns, user, Math.max(...sizes.concurrencies));
    unacknowledgedSince();
    const latency: ProviderComparison["latency"] = [];
    for (const concurrency of sizes.concurrencies) {
      log(`${provider}: ack latency at concurrency ${concurrency}, three rounds of bare, base, head…`);
      const [barePoint, basePoint, headPoint] = await measureInRounds(
        turns,
        user,
        concurrency,
        sizes.requests,
      );
      if (!barePoint || !basePoint || !headPoint) throw new Error("a process was not measured");
      latency.push({
        concurrency,
        bare: barePoint,
        base: basePoint,
        head: headPoint,
        unacknowledged: unacknowledgedSince(),
      });
    }
    log(`${provider}: updates per second at concurrency ${THROUGHPUT_CONCURRENCY}…`);
    const runs = await requestsPerSecondInRounds(turns, user, THROUGHPUT_CONCURRENCY, sizes.requests);
    const [bareRate = 0, baseRate = 0, headRate = 0] = runs.map((run) => round(run.perSecond, 1));
    const [bareCpu, baseCpu, headCpu] = runs.map((run) => run.cpuMsPerRequest);
    const cpuMsPerRequest =
      bareCpu != null && baseCpu != null && headCpu != null
        ? { bare: round(bareCpu, 3), base: round(baseCpu, 3), head: round(headCpu, 3) }
        : null;
    return {
      provider,
      latency,
      throughput: {
        concurrency: THROUGHPUT_CONCURRENCY,
        bare: bareRate,
        base: baseRate,
        head: headRate,
        unacknowledged: unacknowledgedSince(),
        cpuMsPerRequest,
      },
    };
  } catch (error) {
    // Which process stopped answering, and what it said last: the measurement's error alone
    // names only the URL.
    const exited = started
      .filter((run) => run.bot.child.exitCode !== null)
      .map(
        (run) =>
          `${run.bot.url} exited (${run.bot.child.exitCode}):\n${run.bot.output.join("").slice(-2000)}`,
      );
    throw exited.length ? new Error(`${String(error)}\n${exited.join("\n")}`) : error;
  } finally {
    for (const run of started.reverse()) {
      await run.bot.kill();
      await run.database?.drop();
    }
    emulator.child.kill("SIGTERM");
  }
}
