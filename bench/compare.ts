// `npm run bench:compare -- --base <rev> [--head <rev>] [--providers sqlite,postgresql] [--quick]`:
// is the head (default: this working tree) no slower than the base revision? Two `npm run bench`
// outputs from different runs cannot say (the machine's load and the bench itself change), so
// this runs both revisions in one run, over signed HTTP, taking turns (bench/compare-run.ts).
// Prints a table, writes bench/compare-results.json (--quick: .quick.json), and exits 0 whatever it finds: it is
// information for whoever changed the code, judged on a quiet machine.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Provider } from "../src/db/database-url.ts";
import { figuresOf, formatComparison, TOLERANCE } from "./compare-report.ts";
import { type CompareSizes, compareOnProvider, type Revision } from "./compare-run.ts";
import { productionEnv } from "./production-env.ts";
import { checkoutRevision, type RevisionCheckout, unknownTo } from "./revision-checkout.ts";

const ROOT = join(import.meta.dirname, "..");

const { values } = parseArgs({
  options: {
    base: { type: "string" },
    head: { type: "string" },
    providers: { type: "string", default: "sqlite,postgresql" },
    quick: { type: "boolean", default: false },
  },
});
if (!values.base) {
  process.stderr.write(
    "usage: npm run bench:compare -- --base <rev> [--head <rev>] [--providers sqlite,postgresql] [--quick]\n",
  );
  process.exit(2);
}
const providers = (values.providers ?? "")
  .split(",")
  .filter((p): p is Provider => p === "sqlite" || p === "postgresql");
const quick = Boolean(values.quick);
// The quick run only shows the tool works end to end; its samples are too few for a verdict.
const sizes: CompareSizes = quick
  ? { concurrencies: [1, 16], requests: 48 }
  : { concurrencies: [1, 16, 64], requests: 1500 };
const log = (line: string) => process.stderr.write(`… ${line}\n`);

/** The configuration both bots run with, without its secrets or the emulator's addresses. */
function configurationShown(): Record<string, string> {
  const placeholder = {
    apiUrl: "",
    url: "",
    botToken: "",
    teamId: "",
    appId: "",
    user: "",
    channel: "",
    announceChannel: "C0ANNOUNCE",
  };
  const env = productionEnv(placeholder, "");
  return Object.fromEntries(
    Object.entries(env).map(([name, value]) => [
      name,
      /TOKEN|SECRET|URL|CHANNEL/.test(name) ? "(set)" : value,
    ]),
  );
}

const checkouts: RevisionCheckout[] = [];
// Interrupted, it still removes the temporary worktrees (`finally` does not run on a signal).
process.once("SIGINT", () => {
  void Promise.all(checkouts.map((checkout) => checkout.remove())).finally(() => process.exit(130));
});
try {
  const base = await checkoutRevision(ROOT, values.base, log);
  checkouts.push(base);
  let head: Revision & { commit: string };
  if (values.head) {
    const checkout = await checkoutRevision(ROOT, values.head, log);
    checkouts.push(checkout);
    head = { label: checkout.commit.slice(0, 12), root: checkout.root, commit: checkout.commit };
  } else {
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    const dirty =
      execFileSync("git", ["status", "--porcelain"], { cwd: ROOT, encoding: "utf8" }).trim() !== "";
    head = { label: `working tree (${commit.slice(0, 12)}${dirty ? " + changes" : ""})`, root: ROOT, commit };
  }
  const configuration = configurationShown();
  const ignoredByBase = await unknownTo(base.root, Object.keys(configuration));
  const revisions = { base: { label: base.commit.slice(0, 12), root: base.root }, head };
  const comparisons = [];
  for (const provider of providers)
    comparisons.push(await compareOnProvider(provider, revisions, sizes, log));
  const figures = comparisons.flatMap(figuresOf);
  const results = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", node: process.version, quick },
    base: { rev: values.base, commit: base.commit, install: base.install },
    head: { label: head.label, commit: head.commit },
    configuration: { variables: configuration, ignoredByBase },
    sizes,
    tolerance: TOLERANCE,
    comparisons,
    figures,
  };
  // A quick run's figures mean nothing: kept out of the committed compare-results.json.
  const file = join(import.meta.dirname, quick ? "compare-results.quick.json" : "compare-results.json");
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  const heading = [
    `base ${base.commit.slice(0, 12)} (${values.base}, ${base.install}) against head ${head.label}`,
    `configuration (bench/production-env.ts): ${Object.entries(configuration)
      .map(([name, value]) => `${name}=${value}`)
      .join(" ")}`,
    `ignored by the base (it does not know them): ${ignoredByBase.join(", ") || "none"}`,
    `${sizes.requests} requests per point in three rounds of bare, base, head in rotating order; ${cpus().length} CPUs`,
    "over 3 s: requests a bot left unacknowledged past Bolt's 3 s (Slack shows a failed command); in the samples",
    ...(quick ? ["QUICK RUN: too few samples for the verdicts to mean anything"] : []),
  ];
  process.stdout.write(`${formatComparison(figures, heading)}\nWrote ${file}\n`);
} finally {
  for (const checkout of checkouts) await checkout.remove();
}
process.exit(0);
