// The benchmark's table: every figure next to its same-run baseline, and the ratio between them.
import { type BudgetCheck, figures } from "./budgets.ts";
import type { BenchResults } from "./run.ts";
import { formatStaleness } from "./staleness-report.ts";

export function table(headers: string[], rows: (string | number)[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? "").length)));
  const line = (cells: (string | number)[]) =>
    `| ${cells.map((c, i) => String(c).padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

const ms = (value: number) => `${value} ms`;

const mark = (check: BudgetCheck) => (Number.isNaN(check.value) ? "?" : check.pass ? "pass" : "FAIL");

const bound = (check: BudgetCheck) => (check.bound === "min" ? "≥" : "≤");

/** "≤ 1.5× pass": a figure's target and how it fared, looked up among the run's checks. */
function targetCell(results: BenchResults, figure: string): string {
  const check = results.budgets.find((b) => b.figure === figure);
  if (!check) return "";
  const verdict = results.machine.quick ? "(quick)" : mark(check);
  return `${bound(check)} ${check.limit}${check.unit === "×" ? "×" : ` ${check.unit}`} ${verdict}`;
}

export function formatResults(results: BenchResults): string {
  const out: string[] = [];
  out.push(
    `Benchmark of ${results.generatedAt} on ${results.machine.cpus} × ${results.machine.cpuModel}, Node ${results.machine.node}${results.machine.quick ? " (quick smoke run: sizes too small to mean anything)" : ""}`,
    "",
    "1. Acknowledgement latency of a signed `/incident update` (send → HTTP 200, committed), against a bare Bolt app acknowledging a no-op `/incident` on the same machine:",
    "",
    table(
      [
        "store",
        "concurrency",
        "bare p50",
        "bare p99",
        "bot p50",
        "bot p99",
        "p99 ratio",
        "target",
        "p50 overhead",
        "target",
      ],
      results.providers.flatMap((p) =>
        p.load.app.map((point, i) => {
          const bare = p.load.bare[i];
          const atOne = point.concurrency === 1;
          return [
            p.provider,
            point.concurrency,
            ms(bare?.p50 ?? 0),
            ms(bare?.p99 ?? 0),
            ms(point.p50),
            ms(point.p99),
            `${p.load.p99Ratio[String(point.concurrency)]}×`,
            targetCell(results, figures.ackP99Ratio(p.provider, point.concurrency)),
            atOne ? ms(Number((point.p50 - (bare?.p50 ?? 0)).toFixed(2))) : "",
            atOne ? targetCell(results, figures.ackP50Overhead(p.provider)) : "",
          ];
        }),
      ),
    ),
    "",
    "2. Timeline write throughput: status updates recorded per second end to end (concurrency 16), against the requests per second the bare Bolt app answers at the same concurrency (the ceiling), and for information the raw driver inserting the same rows one by one:",
    "",
    table(
      [
        "store",
        "bot (updates/s)",
        "bare app (requests/s)",
        "bot ÷ bare",
        "target",
        "raw driver (rows/s)",
        "raw ÷ bot",
        "CPU per update, bot / bare (ms)",
      ],
      results.providers.map((p) => [
        p.provider,
        p.throughput.appPerSecond,
        p.throughput.barePerSecond,
        `${p.throughput.ofBare}×`,
        targetCell(results, figures.updatesOfBare(p.provider)),
        p.throughput.rawPerSecond,
        `${p.throughput.ratio}×`,
        p.throughput.cpuMs ? `${p.throughput.cpuMs.app} / ${p.throughput.cpuMs.bare}` : "not measured",
      ]),
    ),
    "",
    `3. Postmortem of a ${results.sizes.renderEntries}-entry, 750-responder, 3-day, 5-region incident loaded and rendered from the database, against reading its timeline rows (medians of 5 alternating warm rounds):`,
    "",
    table(
      ["store", "entries", "read rows", "load + render", "ratio", "target", "heap growth", "Markdown"],
      results.providers.map((p) => [
        p.provider,
        p.render.entries,
        ms(p.render.readRowsMs),
        ms(p.render.renderMs),
        `${p.render.ratio}×`,
        targetCell(results, figures.postmortemRatio(p.provider)),
        `${p.render.renderHeapMb} MB`,
        `${p.render.markdownKb} KB`,
      ]),
    ),
    "",
    `4. Slack Web API calls for the demo scenario against the fewest it needs (rules in demo/call-economy.ts); calls Slack rejected: ${results.callEconomy.rejectedCalls}:`,
    "",
    table(
      ["method", "calls", "minimum"],
      [
        ...results.callEconomy.byMethod.map((m) => [m.method, m.calls, m.minimum]),
        [
          "total",
          results.callEconomy.totalCalls,
          `${results.callEconomy.totalMinimum} (${results.callEconomy.ratio}×, target ${targetCell(results, figures.callEconomy)})`,
        ],
      ],
    ),
    "",
    `5. Cost with history: update latency at concurrency 16 of a bot with one open incident (quiet) and of a second bot whose database holds ${results.sizes.busyIncidents} more open incidents and ${results.sizes.busyEntries} entries in the updated incident's timeline (busy), measured in alternating rounds:`,
    "",
    table(
      ["store", "quiet p50", "quiet p99", "busy p50", "busy p99", "p50 ratio", "p99 ratio"],
      results.providers.map((p) => [
        p.provider,
        ms(p.load.scale.quiet.p50),
        ms(p.load.scale.quiet.p99),
        ms(p.load.scale.busy.p50),
        ms(p.load.scale.busy.p99),
        `${p.load.scale.p50Ratio}×`,
        `${p.load.scale.p99Ratio}×`,
      ]),
    ),
    "",
    `The busy bot's incident is on the public status page (1 in 100 of its updates public); the same latency while the page is viewed ${results.providers[0]?.load.statusTraffic.viewsPerSecond ?? 0} times a second (its audience during an outage: thousands of open tabs reloading every minute), against without, in alternating rounds:`,
    "",
    table(
      [
        "store",
        "views/s answered",
        "views failed",
        "database reads",
        "p50 without",
        "p99 without",
        "p50 viewed",
        "p99 viewed",
        "p50 ratio",
        "p99 ratio",
        "target",
      ],
      results.providers.map((p) => {
        const s = p.load.statusTraffic;
        return [
          p.provider,
          s.answeredPerSecond,
          s.failedViews,
          s.reads ?? "?",
          ms(s.quiet.p50),
          ms(s.quiet.p99),
          ms(s.viewed.p50),
          ms(s.viewed.p99),
          `${s.p50Ratio}×`,
          `${s.p99Ratio}×`,
          targetCell(
            results,
            `${p.provider}: update p99 while the status page is viewed ${s.viewsPerSecond}/s ÷ without`,
          ),
        ];
      }),
    ),
    "",
    "6. Big inputs in process, against a plain operation over the same data (fastest of three runs each):",
    "",
    table(
      ["input", "size", "time", "baseline", "baseline time", "ratio", "heap growth"],
      results.bigInputs.map((b) => [
        b.name,
        b.size,
        ms(b.ms),
        b.baseline,
        ms(b.baselineMs),
        `${b.ratio}×`,
        `${b.heapMb} MB`,
      ]),
    ),
    "",
    results.machine.quick
      ? "Budgets (not judged on a quick run; shown so the table cannot rot):"
      : `Budgets: ${results.budgets.filter((b) => !b.pass).length} of ${results.budgets.length} over.`,
    "",
    table(
      ["", "figure", "measured", "budget"],
      results.budgets.map((b) => [
        results.machine.quick ? "·" : mark(b),
        b.figure,
        `${Number.isNaN(b.value) ? "n/a" : b.value} ${b.unit}`.trim(),
        `${bound(b)} ${b.limit} ${b.unit}`.trim(),
      ]),
    ),
    "",
    formatStaleness(results.staleness, results.machine.quick),
  );
  return out.join("\n");
}
