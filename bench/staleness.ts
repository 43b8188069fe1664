// 7. Staleness under Slack's limits: how long after a change is committed Slack shows it, per
// kind of message, over a two-day outage at the scale we design for (bench/staleness/schedule.ts)
// replayed at accelerated simulated time (bench/staleness/replay.ts), against the floor a
// perfect scheduler would reach under the same limits and the same arrivals
// (bench/staleness/floor.ts). Every expected message must be in Slack exactly once.
import type { Provider } from "../src/db/database-url.ts";
import type { CallRecord } from "../test/support/slack-emulator/types.ts";
import { type FloorCall, floorServedAt, NO_LIMITS, SLACK_LIMITS } from "./staleness/floor.ts";
import {
  KINDS,
  type Observation,
  observe,
  PRIORITY,
  slackSnapshotFor,
  TARGETED,
} from "./staleness/measure.ts";
import { replaySchedule } from "./staleness/replay.ts";
import { plannedSchedule } from "./staleness/schedule.ts";
import { type StalenessWorld, startStalenessWorld } from "./staleness/world.ts";
import { percentile, round } from "./stats.ts";

export interface StalenessKindResult {
  kind: string;
  changes: number;
  p50Ms: number;
  p99Ms: number;
  floorP50Ms: number;
  floorP99Ms: number;
  /** p99 ÷ floor p99. */
  p99Ratio: number;
  /** The most p99Ratio may be, for the kinds held to a target. */
  target: number | null;
  lost: number;
  doubled: number;
}

export interface StalenessResult {
  provider: Provider;
  /** Whether the emulator enforced Slack's rate-limit tiers during the run. */
  limits: "on" | "off";
  scale: { regions: number; responders: number; updates: number; boardChanges: number; handoffs: number };
  /** The scenario's simulated span; the replay's wall time; the idle time the bench clock skipped. */
  time: { simulatedHours: number; replaySeconds: number; skippedHours: number };
  /** A bare chat.postMessage's one-way time to the emulator (ms). */
  oneWayMs: number;
  /**
   * The floor's fixed delay (ms): the median of lone updates' commit-to-Slack times at rest
   * (`atRestSamples` of them, replay.ts), at least one bare call. A perfect scheduler still
   * records a message before sending it, so it cannot show a change sooner.
   */
  atRestMs: number;
  atRestSamples: number;
  /** Calls Slack answered with 429. */
  rateLimited: number;
  kinds: StalenessKindResult[];
  /** Warnings and errors the bot logged, and the distinct kinds of them (event, reason, method). */
  botWarnings: number;
  botWarningKinds: string[];
  lost: number;
  doubled: number;
}

const START = new Date("2026-03-08T06:00:00.000Z");

export async function benchStaleness(options: {
  quick: boolean;
  provider: Provider;
  /** Slack's rate-limit tiers in the emulator; default on. */
  limits?: boolean;
}): Promise<StalenessResult> {
  const size = options.quick
    ? { regions: 2, responders: 40, hours: 2 }
    : { regions: 5, responders: 750, hours: 48 };
  const limits: "on" | "off" = options.limits === false ? "off" : "on";
  const world = await startStalenessWorld({
    provider: options.provider,
    responders: size.responders,
    start: START,
    regions: size.regions,
  });
  try {
    const oneWayMs = await bareOneWayMs(world);
    // On after the baseline calls, with every bucket full: the bot meets Slack's tiers from here.
    const limitsFrom = limits === "on" ? await world.slack.setRateLimits("slack-tiers") : world.clock.now();
    const schedule = plannedSchedule(size);
    const replay = await replaySchedule(world, schedule, {
      start: START,
      atRestSamples: options.quick ? 3 : 21,
    });
    const atRestMs = Math.max(percentile(replay.atRestMs, 50), oneWayMs);
    const slack = await slackSnapshotFor(world, replay);
    const observations = await observe(world, replay, slack);
    const floors = floorOf(
      observations,
      slack.calls.filter((c) => c.ok && c.receivedAt >= limitsFrom),
      limits,
      atRestMs,
    );
    const kinds = KINDS.map((kind): StalenessKindResult => {
      const mine = observations
        .map((o, i) => ({ o, floor: floors[i] as number }))
        .filter((x) => x.o.kind === kind);
      const shown = mine.filter((x) => Number.isFinite(x.o.staleMs));
      const stale = shown.map((x) => x.o.staleMs);
      const floor = shown.map((x) => x.floor);
      return {
        kind,
        changes: mine.length,
        p50Ms: round(percentile(stale, 50), 1),
        p99Ms: round(percentile(stale, 99), 1),
        floorP50Ms: round(percentile(floor, 50), 1),
        floorP99Ms: round(percentile(floor, 99), 1),
        p99Ratio: round(percentile(stale, 99) / percentile(floor, 99), 2),
        target: TARGETED[kind] ?? null,
        lost: mine.reduce((sum, x) => sum + x.o.lost, 0),
        doubled: mine.reduce((sum, x) => sum + x.o.doubled, 0),
      };
    }).filter((k) => k.changes > 0);
    const count = (kind: string) => schedule.filter((s) => s.action.kind === kind).length;
    return {
      provider: options.provider,
      limits,
      scale: {
        regions: size.regions,
        responders: world.regions.reduce((sum, r) => sum + r.members.length, 0),
        updates: count("update"),
        boardChanges: count("service"),
        handoffs: count("handoff"),
      },
      time: {
        simulatedHours: round(Math.max(...schedule.map((s) => s.atMs)) / 3_600_000, 1),
        replaySeconds: round(replay.replayMs / 1000, 1),
        skippedHours: round(replay.skippedMs / 3_600_000, 1),
      },
      oneWayMs: round(oneWayMs, 2),
      atRestMs: round(atRestMs, 2),
      atRestSamples: replay.atRestMs.length,
      rateLimited: slack.rateLimited,
      kinds,
      botWarnings: world.problems.length,
      botWarningKinds: warningKinds(world.problems),
      lost: kinds.reduce((sum, k) => sum + k.lost, 0),
      doubled: kinds.reduce((sum, k) => sum + k.doubled, 0),
    };
  } finally {
    await world.stop();
  }
}

/**
 * Median one-way time of a bare chat.postMessage: from sending it (in the bench process, as the
 * bot sends from its own) to its request reaching Slack's process.
 */
async function bareOneWayMs(world: StalenessWorld): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 30; i++) {
    const sent = world.clock.now();
    const response = await fetch(`${world.slack.seeded.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${world.slack.seeded.botToken}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ channel: world.opsChannel, text: `baseline ${i}` }).toString(),
    });
    await response.json();
    const recorded = await world.slack.lastCall();
    if (recorded?.method !== "chat.postMessage")
      throw new Error("staleness baseline: the emulator did not record the call");
    samples.push(recorded.receivedAt - sent);
  }
  return Math.max(percentile(samples, 50), 0.5);
}

/** "event reason method" of each distinct warning the bot logged (its JSON lines). */
function warningKinds(lines: string[]): string[] {
  const kinds = new Set<string>();
  for (const line of lines) {
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      kinds.add([entry.event ?? entry.msg, entry.reason, entry.method].filter(Boolean).join(" "));
    } catch {
      kinds.add(line.slice(0, 80));
    }
  }
  return [...kinds].sort();
}

/**
 * Per observation, when a perfect scheduler would have had Slack show it (ms after its commit):
 * the bot's own calls from `calls`, replayed through ideal buckets (floor.ts), each then taking
 * the durable path as it does at rest (`fixedMs`).
 */
function floorOf(
  observations: Observation[],
  calls: CallRecord[],
  limits: "on" | "off",
  fixedMs: number,
): number[] {
  const release = new Map<CallRecord, { arrival: number; priority: 0 | 1 }>();
  for (const o of observations)
    for (const call of o.shownBy) {
      const before = release.get(call);
      release.set(call, {
        arrival: Math.max(before?.arrival ?? Number.NEGATIVE_INFINITY, o.committedAt),
        priority: Math.min(before?.priority ?? 1, PRIORITY[o.kind]) as 0 | 1,
      });
    }
  const floorCalls: FloorCall[] = calls.map((call) => ({
    kind: call.method,
    arrival: release.get(call)?.arrival ?? call.receivedAt,
    method: call.method,
    channel: String(call.args.channel ?? ""),
    priority: release.get(call)?.priority ?? 1,
  }));
  const served = floorServedAt(floorCalls, limits === "on" ? SLACK_LIMITS : NO_LIMITS);
  const servedAt = new Map(calls.map((call, i) => [call, served[i] as number]));
  return observations.map((o) =>
    o.shownBy.length
      ? Math.max(...o.shownBy.map((c) => (servedAt.get(c) ?? Number.NaN) - o.committedAt)) + fixedMs
      : Number.NaN,
  );
}
