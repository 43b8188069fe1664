// 4. Slack call economy: Web API calls the bot makes for the demo scenario, per method, versus
// the fewest the scenario needs (rules in demo/call-economy.ts). Also: calls Slack rejected.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runDemo } from "../demo/run-demo.ts";

export interface CallEconomyResult {
  byMethod: { method: string; calls: number; minimum: number }[];
  totalCalls: number;
  totalMinimum: number;
  /** Calls over the minimum, as a ratio (1.0 = no call beyond what the scenario needs). */
  ratio: number;
  rejectedCalls: number;
  demoSeconds: number;
}

export async function benchCallEconomy(): Promise<CallEconomyResult> {
  const outputDir = mkdtempSync(join(tmpdir(), "incident-bot-bench-demo-"));
  try {
    const result = await runDemo({ quiet: true, outputDir });
    const methods = [
      ...new Set([...Object.keys(result.callsByMethod), ...Object.keys(result.minimumCalls)]),
    ].sort();
    const byMethod = methods.map((method) => ({
      method,
      calls: result.callsByMethod[method] ?? 0,
      minimum: result.minimumCalls[method] ?? 0,
    }));
    const totalCalls = byMethod.reduce((sum, m) => sum + m.calls, 0);
    const totalMinimum = byMethod.reduce((sum, m) => sum + m.minimum, 0);
    return {
      byMethod,
      totalCalls,
      totalMinimum,
      ratio: Number((totalCalls / totalMinimum).toFixed(2)),
      rejectedCalls: result.violations.length,
      demoSeconds: Number((result.durationMs / 1000).toFixed(1)),
    };
  } finally {
    rmSync(outputDir, { recursive: true, force: true });
  }
}
