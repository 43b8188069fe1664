// `npx tsx bench/profile-commands.ts [--provider sqlite|postgresql] [--requests 400]
// [--concurrency 16] [--warmup 2000] [--cpu-prof [--keep-profile file.cpuprofile]]
// [--bot-node-args=--flag]`: what one `/incident update` costs the bot, run the way
// production runs it (bench/production-env.ts). Prints the SQL statements per update (counted
// at the driver by bench/query-counter.mjs, so Prisma calls, raw SQL and BEGIN/COMMIT all show)
// while the updates are acknowledged and then while the outbox delivers them, and with
// --cpu-prof the functions that took the most CPU in the bot (self time), from node's profile.
// A tool for finding the hot path, not a figure with a budget: `npm run bench` has those.
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Provider } from "../src/db/database-url.ts";
import { startBotProcess } from "../test/support/bot-process.ts";
import { eventually } from "../test/support/eventually.ts";
import { startEmulatorProcess, waitForChannel } from "./ack-latency.ts";
import { benchDatabase } from "./databases.ts";
import { cpuSecondsOf, postgresCpuSeconds } from "./process-cpu.ts";
import { productionEnv } from "./production-env.ts";
import { sendCommand } from "./signed-command.ts";
import { load, percentile, round } from "./stats.ts";

const { values } = parseArgs({
  options: {
    provider: { type: "string", default: "sqlite" },
    requests: { type: "string", default: "400" },
    concurrency: { type: "string", default: "16" },
    "cpu-prof": { type: "boolean", default: false },
    // Where to keep the .cpuprofile (to open in Chrome DevTools or speedscope); dropped otherwise.
    "keep-profile": { type: "string" },
    // Updates sent before the measured ones. A hundred left V8 still compiling the hot path:
    // CPU per update came out 1.2–1.5 ms (eight runs) where the same bot warmed up with 3,000
    // spent 1.1–1.2 (three runs), at concurrency 16 on PostgreSQL.
    warmup: { type: "string", default: "2000" },
    // Extra node flags for the bot only (an experiment such as --max-semi-space-size=16).
    "bot-node-args": { type: "string", default: "" },
  },
});
const provider = values.provider as Provider;
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const warmup = Number(values.warmup);
const work = mkdtempSync(join(tmpdir(), "incident-bot-profile-"));
const countFile = join(work, "counts.json");

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (and per package or source folder) from a .cpuprofile. */
function summarizeProfile(file: string): string {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  const byOurFile = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    total += ms;
    if (!node) return;
    // The nearest of our own files on the stack: what caused this sample, library time included.
    let ours: string | undefined;
    for (let at: number | undefined = id; at !== undefined && !ours; at = parentOf.get(at)) {
      const url = byId.get(at)?.callFrame.url ?? "";
      if (url.includes("/src/") && !url.includes("/node_modules/")) ours = `src/${url.split("/src/")[1]}`;
    }
    const ourKey =
      ours ??
      (node.callFrame.functionName.startsWith("(") ? node.callFrame.functionName : "(not under our code)");
    byOurFile.set(ourKey, (byOurFile.get(ourKey) ?? 0) + ms);
    const { functionName, url, lineNumber } = node.callFrame;
    const short = url.replace(/^.*\/node_modules\//, "~/").replace(/^.*\/perf\//, "");
    const key = `${functionName || "(anonymous)"} ${short}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    const place = url.includes("/node_modules/")
      ? (/\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? "?")
      : url.includes("/src/")
        ? `src/${url.split("/src/")[1]?.split("/")[0]}`
        : url.startsWith("node:")
          ? "node internals"
          : functionName.startsWith("(")
            ? functionName
            : "other";
    byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
  });
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([k, v]) => `  ${v.toFixed(0).padStart(6)} ms ${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`,
      )
      .join("\n");
  return (
    `CPU ${total.toFixed(0)} ms sampled\nby place:\n${top(byPlace, 20)}\n` +
    `by our file nearest on the stack (the library time it called included):\n${top(byOurFile, 25)}\n` +
    `by function (self):\n${top(byFunction, 30)}`
  );
}

/** CPU seconds used so far by `pid` and, together, by the database server's processes (Linux). */
interface CpuNow {
  bot: number;
  database: number;
}

function cpuNow(pid: number | undefined): CpuNow | null {
  const bot = cpuSecondsOf(pid);
  const database = postgresCpuSeconds();
  return bot === null || database === null ? null : { bot, database };
}

/**
 * CPU per update, the bot's and the database server's: tells CPU spent from time waited. Between
 * runs it moves about as much as updates/s (0.97–1.36 ms for the same code, 2026-12-07), so a
 * change's cost needs several alternating runs. SQLite runs in the bot.
 */
function cpuPerUpdate(before: CpuNow | null, after: CpuNow | null): string {
  if (!before || !after) return "CPU per update: not measured (needs Linux's /proc)";
  const ms = (seconds: number) => round((seconds * 1000) / requests, 3);
  const databaseMs =
    provider === "postgresql" ? `, PostgreSQL ${ms(after.database - before.database)} ms` : "";
  return `CPU per update: bot ${ms(after.bot - before.bot)} ms${databaseMs}`;
}

/** The statements counted since the last call (bench/query-counter.mjs writes them on request). */
async function countsSince() {
  rmSync(countFile, { force: true });
  writeFileSync(`${countFile}.request`, "");
  return eventually(() => JSON.parse(readFileSync(countFile, "utf8")) as Record<string, number>);
}

function printCounts(title: string, counts: Record<string, number>) {
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((sum, [, n]) => sum + n, 0);
  const begins = rows.filter(([sql]) => /^BEGIN/i.test(sql)).reduce((sum, [, n]) => sum + n, 0);
  process.stdout.write(
    `\n${title}: ${round(total / requests, 1)} statements and ${round(begins / requests, 2)} transactions per update\n`,
  );
  // Per update, then the count itself: the outbox's rows are a few dozen over a whole run,
  // below what two decimals per update can tell apart.
  for (const [sql, n] of rows.slice(0, 25))
    process.stdout.write(
      `  ${round(n / requests, 2)
        .toString()
        .padStart(6)} ${n.toString().padStart(6)}  ${sql}\n`,
    );
}

const emulator = await startEmulatorProcess();
const database = await benchDatabase(provider);
const signingSecret = randomBytes(16).toString("hex");
const nodeArgs = [
  "--import=./bench/query-counter.mjs",
  ...(values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${work}`] : []),
  ...(values["bot-node-args"] ?? "").split(" ").filter(Boolean),
];
const bot = await startBotProcess(
  { ...productionEnv(emulator.info, signingSecret), DATABASE_URL: database.url, QUERY_COUNT_FILE: countFile },
  "src/main.ts",
  nodeArgs,
);
try {
  const target = {
    eventsUrl: `${bot.url}/slack/events`,
    signingSecret,
    teamId: emulator.info.teamId,
    appId: emulator.info.appId,
    responseUrl: `${emulator.info.url}respond/profile`,
  };
  const { user } = emulator.info;
  await sendCommand(target, user, emulator.info.channel, "declare Profiled incident --sev 2");
  const { channelId } = await waitForChannel(database.url);
  const send = (i: number) =>
    sendCommand(target, user, channelId, `update profile ${i}: checkout recovering in us1`).then((r) => {
      if (r.status !== 200) throw new Error(`answered ${r.status}`);
    });
  await load(warmup, concurrency, send);
  await new Promise((resolve) => setTimeout(resolve, 3000)); // let the warm-up's deliveries finish
  await countsSince();
  const cpuBefore = cpuNow(bot.child.pid);
  const started = performance.now();
  const durations = await load(requests, concurrency, send);
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuNow(bot.child.pid);
  const during = await countsSince();
  await new Promise((resolve) => setTimeout(resolve, 5000));
  const after = await countsSince();
  process.stdout.write(
    `${provider}, ${requests} updates at concurrency ${concurrency}: ack p50 ${round(percentile(durations, 50))} ms, p99 ${round(percentile(durations, 99))} ms\n`,
  );
  process.stdout.write(`${round(requests / seconds, 1)} updates/s; ${cpuPerUpdate(cpuBefore, cpuAfter)}\n`);
  printCounts("while the updates were acknowledged (commands and the outbox)", during);
  printCounts("in the 5 s after the last acknowledgement (the outbox catching up)", after);
} finally {
  await bot.kill();
  emulator.child.kill("SIGTERM");
  await database.drop();
}
if (values["cpu-prof"]) {
  const profile = readdirSync(work).find((f) => f.endsWith(".cpuprofile"));
  if (profile && values["keep-profile"]) copyFileSync(join(work, profile), values["keep-profile"]);
  process.stdout.write(
    `\n${profile ? summarizeProfile(join(work, profile)) : "no CPU profile was written"}\n`,
  );
}
rmSync(work, { recursive: true, force: true });
