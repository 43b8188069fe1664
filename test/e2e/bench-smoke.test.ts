// The benchmark's smoke run (tiny sizes): every part still runs, on both stores, and reports
// sane figures, so `npm run bench` cannot rot between releases.
import { describe, expect, it } from "vitest";
import { formatResults } from "../../bench/report.ts";
import { runBench } from "../../bench/run.ts";
import { testedProviders } from "../support/databases.ts";

describe("npm run bench (smoke)", () => {
  it("measures every figure against its baseline on every store", async () => {
    const results = await runBench({ quick: true, providers: testedProviders() });
    expect(results.providers.map((p) => p.provider)).toEqual(testedProviders());
    for (const p of results.providers) {
      for (const point of [...p.load.app, ...p.load.bare]) {
        expect(point.p50).toBeGreaterThan(0);
        expect(point.p99).toBeGreaterThanOrEqual(point.p50);
        // Far below Slack's 3-second deadline even on a busy test machine.
        expect(point.p99).toBeLessThan(3000);
      }
      expect(Object.values(p.load.p99Ratio).every(Number.isFinite)).toBe(true);
      expect(p.throughput.appPerSecond).toBeGreaterThan(0);
      expect(p.throughput.rawPerSecond).toBeGreaterThan(p.throughput.appPerSecond);
      expect(p.render.entries).toBe(1000);
      expect(Number.isFinite(p.load.scale.p50Ratio)).toBe(true);
    }
    expect(results.callEconomy.rejectedCalls).toBe(0);
    expect(results.callEconomy.totalCalls).toBeGreaterThanOrEqual(results.callEconomy.totalMinimum);
    expect(formatResults(results)).toContain("p99 ratio");
  }, 180_000);
});
