// Verdicts and the table of `npm run bench:compare`: each figure as head ÷ base, marked "no
// slower" pass or FAIL within a stated tolerance, beside the bare Bolt app of the same run.
import type { ProviderComparison } from "./compare-run.ts";
import { round } from "./stats.ts";

/**
 * How much slower the head may measure and still count as "no slower". Both revisions take turns
 * in the same run, so what is left is sampling noise:
 * - p50: the median of a few hundred samples moves a few percent between rounds on a shared
 *   machine; 10% is above that and below what one more query per update costs.
 * - p99: the slowest 1% (6 of 600 samples in a full run, 200 per round) is decided by a GC pause
 *   or a neighbouring process being scheduled; round to round it moves by tens of percent,
 *   hence 25%.
 * - updates/s: a mean over every request, about as steady as the p50: at least 0.9× the base.
 * - CPU per update (the bot's own, over its throughput turns): not steadier than updates/s, as
 *   hoped: the same code against itself gave 1.07× and 0.82×, so 1.25×. It tells a change that
 *   costs CPU from one that waits (updates/s lower, CPU the same).
 */
export const TOLERANCE = { p50: 1.1, p99: 1.25, updatesPerSecond: 0.9, cpuPerUpdate: 1.25 } as const;

export interface Figure {
  provider: string;
  figure: string;
  bare: number;
  base: number;
  head: number;
  /** head ÷ base. */
  ratio: number;
  /** Requests each bot left unacknowledged past 3 s while this figure was measured. */
  unacknowledged: { base: number; head: number };
  /** The bound `ratio` is held to, and which way. */
  tolerance: string;
  pass: boolean;
}

export function figuresOf(comparison: ProviderComparison): Figure[] {
  const { provider } = comparison;
  const figures: Figure[] = [];
  for (const { concurrency, bare, base, head, unacknowledged } of comparison.latency) {
    for (const p of ["p50", "p99"] as const) {
      const ratio = round(head[p] / (base[p] || 1));
      figures.push({
        provider,
        figure: `c=${concurrency} ack ${p} ms`,
        bare: bare[p],
        base: base[p],
        head: head[p],
        ratio,
        unacknowledged,
        tolerance: `≤ ${TOLERANCE[p]}`,
        pass: ratio <= TOLERANCE[p],
      });
    }
  }
  const { concurrency, bare, base, head, unacknowledged } = comparison.throughput;
  const ratio = round(head / (base || 1));
  figures.push({
    provider,
    figure: `c=${concurrency} updates/s`,
    bare,
    base,
    head,
    ratio,
    unacknowledged,
    tolerance: `≥ ${TOLERANCE.updatesPerSecond}`,
    pass: ratio >= TOLERANCE.updatesPerSecond,
  });
  const cpu = comparison.throughput.cpuMsPerRequest;
  if (cpu) {
    const cpuRatio = round(cpu.head / (cpu.base || 1));
    figures.push({
      provider,
      figure: `c=${concurrency} CPU ms per update`,
      bare: cpu.bare,
      base: cpu.base,
      head: cpu.head,
      ratio: cpuRatio,
      unacknowledged,
      tolerance: `≤ ${TOLERANCE.cpuPerUpdate}`,
      pass: cpuRatio <= TOLERANCE.cpuPerUpdate,
    });
  }
  return figures;
}

export function formatComparison(figures: Figure[], heading: string[]): string {
  const rows = [
    ["store", "figure", "bare app", "base", "head", "head÷base", "no slower?", "over 3 s base/head"],
    ...figures.map((f) => [
      f.provider,
      f.figure,
      String(f.bare),
      String(f.base),
      String(f.head),
      `${f.ratio}×`,
      `${f.pass ? "pass" : "FAIL"} (${f.tolerance})`,
      `${f.unacknowledged.base}/${f.unacknowledged.head}`,
    ]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  const lines = rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd(),
  );
  return [...heading, "", ...lines].join("\n");
}
