// What the benchmark holds the bot to. Each budget is a ratio against a baseline measured in the
// same run (so a slow or busy machine slows both sides), except where the limit is Slack's own
// (the 3-second acknowledgement deadline), a size the bot must fit in whatever the machine, or
// the time someone trying `npm run demo` waits.
// These used to be assertions in tests, where a busy CI machine made them fail for the wrong
// reason; here they are judged on a full run and printed with a mark.
import type { Provider } from "../src/db/database-url.ts";
import type { BenchResults } from "./run.ts";

export interface BudgetCheck {
  figure: string;
  value: number;
  unit: string;
  limit: number;
  /** "at most" (the default) or "at least" the limit. */
  bound?: "max" | "min";
  /** NaN (not measurable here) is not a failure, but is shown as such. */
  pass: boolean;
}

function check(figure: string, value: number, unit: string, limit: number): BudgetCheck {
  return { figure, value, unit, limit, pass: Number.isNaN(value) || value <= limit };
}

function atLeast(figure: string, value: number, unit: string, limit: number): BudgetCheck {
  return { figure, value, unit, limit, bound: "min", pass: Number.isNaN(value) || value >= limit };
}

/**
 * Issue 18's targets, each a ratio against the bare Bolt app (or against reading the rows)
 * measured in the same run: the acknowledgement's p99 within 1.5× the bare app's on SQLite
 * and 2× on PostgreSQL at every concurrency, less than 5 ms added to the p50 at concurrency 1,
 * updates per second at concurrency 16 at least half the bare app's requests per second, and
 * a 20,000-entry postmortem loaded and rendered within 1.5× the time to read its rows; the
 * demo's Slack calls within 1.1× the fewest its scenario needs.
 */
export const TARGETS = {
  ackP99Ratio: { sqlite: 1.5, postgresql: 2 } as Record<Provider, number>,
  ackP50OverheadMsAtOne: 5,
  updatesOfBareRps: 0.5,
  postmortemRatio: 1.5,
  /** Item 6: Slack calls in the demo within 1.1× the fewest the scenario needs. */
  callEconomyRatio: 1.1,
} as const;

export const figures = {
  ackP99Ratio: (store: Provider, concurrency: number | string) =>
    `${store}: ack p99 ÷ bare app, concurrency ${concurrency}`,
  ackP50Overhead: (store: Provider) => `${store}: ack p50 over the bare app's, concurrency 1`,
  updatesOfBare: (store: Provider) => `${store}: updates/s ÷ bare app's requests/s, concurrency 16`,
  postmortemRatio: (store: Provider) => `${store}: postmortem from the database ÷ reading its rows`,
  callEconomy: "demo: Slack calls ÷ the fewest it needs",
};

export function checkBudgets(results: Omit<BenchResults, "budgets">): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  for (const p of results.providers) {
    const store = p.provider;
    for (const point of p.load.app)
      checks.push(
        check(
          `${store}: ack p99 at concurrency ${point.concurrency} (Slack's deadline)`,
          point.p99,
          "ms",
          3000,
        ),
      );
    for (const [concurrency, ratio] of Object.entries(p.load.p99Ratio))
      checks.push(check(figures.ackP99Ratio(store, concurrency), ratio, "×", TARGETS.ackP99Ratio[store]));
    const atOne = p.load.app.findIndex((point) => point.concurrency === 1);
    const [appAtOne, bareAtOne] = [p.load.app[atOne], p.load.bare[atOne]];
    if (appAtOne && bareAtOne)
      checks.push(
        check(
          figures.ackP50Overhead(store),
          Number((appAtOne.p50 - bareAtOne.p50).toFixed(2)),
          "ms",
          TARGETS.ackP50OverheadMsAtOne,
        ),
      );
    checks.push(atLeast(figures.updatesOfBare(store), p.throughput.ofBare, "×", TARGETS.updatesOfBareRps));
    checks.push(check(`${store}: update p99 with history ÷ without`, p.load.scale.p99Ratio, "×", 2));
    // The status page's audience may cost the response no more than its history does: one
    // read per STATUS_PAGE_CACHE (read for each view, 50 views a second measured 2.4× here).
    checks.push(
      check(
        `${store}: update p99 while the status page is viewed ${p.load.statusTraffic.viewsPerSecond}/s ÷ without`,
        p.load.statusTraffic.p99Ratio,
        "×",
        2,
      ),
    );
    checks.push(check(`${store}: status page views not answered`, p.load.statusTraffic.failedViews, "", 0));
    checks.push(
      check(
        `${store}: bot's peak memory over the bare app's`,
        Number((p.load.peakRssMb.app - p.load.peakRssMb.bare).toFixed(1)),
        "MB",
        300,
      ),
    );
    checks.push(check(figures.postmortemRatio(store), p.render.ratio, "×", TARGETS.postmortemRatio));
    checks.push(
      check(`${store}: postmortem from the database, heap growth`, p.render.renderHeapMb, "MB", 200),
    );
  }
  const [postmortem, command, rotation] = results.bigInputs;
  if (postmortem) {
    checks.push(
      check(
        `${postmortem.name} ÷ ${postmortem.baseline}`,
        postmortem.ratio,
        "×",
        BIG_INPUT_RATIOS.postmortem,
      ),
    );
    checks.push(check(`${postmortem.name}, heap growth`, postmortem.heapMb, "MB", 200));
  }
  if (command)
    checks.push(check(`${command.name} ÷ ${command.baseline}`, command.ratio, "×", BIG_INPUT_RATIOS.command));
  if (rotation) {
    checks.push(
      check(`${rotation.name} ÷ ${rotation.baseline}`, rotation.ratio, "×", BIG_INPUT_RATIOS.rotation),
    );
    checks.push(check(`${rotation.name}, heap growth`, rotation.heapMb, "MB", 100));
  }
  checks.push(check(figures.callEconomy, results.callEconomy.ratio, "×", TARGETS.callEconomyRatio));
  checks.push(check("demo: calls Slack rejected", results.callEconomy.rejectedCalls, "", 0));
  // What someone trying the bot waits for: the whole scenario, Slack emulator included.
  checks.push(check("demo: replay time", results.callEconomy.demoSeconds, "s", 60));
  return checks;
}

/**
 * Big-input ratios, set from runs on a 2-core machine (2 Dec 2026: postmortem 6–16×, command
 * 7× once the tokenizer became linear (it was 210× with 100 KB refused only after parsing, and
 * text of unclosed quotes took seconds), rotations 2–5×) with room for noise. A quadratic
 * tokenizer takes tens of seconds on 100 KB of unclosed quotes: far over 50×.
 */
const BIG_INPUT_RATIOS = { postmortem: 40, command: 50, rotation: 20 };
