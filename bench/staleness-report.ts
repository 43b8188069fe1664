// Section 7 of the benchmark's table: staleness per kind of message against the floor, with
// the target and a pass/FAIL mark for the kinds held to one, and the lost/doubled check.
import { table } from "./report.ts";
import type { StalenessKindResult, StalenessResult } from "./staleness.ts";

const ms = (value: number) => (Number.isNaN(value) ? "n/a" : `${value} ms`);

function mark(kind: StalenessKindResult, result: StalenessResult, quick: boolean): string {
  if (kind.target === null) return "";
  if (quick) return `≤ ${kind.target}× ·`;
  // The target is defined under Slack's limits: without them the floor is the path at rest.
  if (result.limits === "off") return `≤ ${kind.target}× (not judged: limits off)`;
  return `≤ ${kind.target}× ${kind.p99Ratio <= kind.target ? "pass" : "FAIL"}`;
}

export function formatStaleness(results: StalenessResult[], quick: boolean): string {
  const out: string[] = [];
  const first = results[0];
  if (!first) return "";
  out.push(
    `7. Staleness: time from a committed change to Slack receiving the write that shows it, against the floor a perfect scheduler reaches under the same limits and arrivals (bench/staleness/). ${first.scale.regions} regions, ${first.scale.responders} responders invited through groups, ${first.scale.updates} updates, ${first.scale.boardChanges} board changes, ${first.scale.handoffs} handoffs over ${first.time.simulatedHours} simulated hours, bursts replayed in real time, idle time between them skipped once Slack is up to date (bench/staleness/replay.ts):`,
    "",
  );
  for (const result of results) {
    out.push(
      `${result.provider}: Slack rate limits ${result.limits}; replay ${result.time.replaySeconds} s of wall time (${result.time.skippedHours} idle hours skipped); 429s met: ${result.rateLimited}; lost: ${result.lost}, doubled: ${result.doubled} ${result.lost + result.doubled === 0 ? "pass" : "FAIL"}; floor's fixed delay (the durable path at rest: median commit-to-Slack time of ${result.atRestSamples} lone updates, outbox idle): ${result.atRestMs} ms (one bare call: ${result.oneWayMs} ms)`,
      "",
      table(
        [
          "message",
          "changes",
          "p50",
          "p99",
          "floor p50",
          "floor p99",
          "p99 ÷ floor",
          "target",
          "lost",
          "doubled",
        ],
        result.kinds.map((k) => [
          k.kind,
          k.changes,
          ms(k.p50Ms),
          ms(k.p99Ms),
          ms(k.floorP50Ms),
          ms(k.floorP99Ms),
          `${k.p99Ratio}×`,
          mark(k, result, quick),
          k.lost,
          k.doubled,
        ]),
      ),
      "",
    );
  }
  return out.join("\n");
}
