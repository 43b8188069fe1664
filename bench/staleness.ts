// 7. Staleness under Slack's limits: how long after a change is committed Slack shows it, per
// kind of message, over a two-day outage at the scale we design for (bench/staleness/schedule.ts)
// replayed at accelerated simulated time (bench/staleness/replay.ts), against the floor a
// perfect scheduler would reach under the same limits and the same arrivals
// (bench/staleness/floor.ts). Every expected message must be in Slack exactly once.
import type { Provider } from "../src/db/database-url.ts";
import { DOCUMENTED_LIMITS, type FloorCall, floorServedAt, NO_LIMITS } from "./staleness/floor.ts";
import { KINDS, observe, TARGETED } from "./staleness/measure.ts";
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
  time: { simulatedHours: number; replaySeconds: number; drainSeconds: number; idleGapMs: number };
  /** A bare chat.postMessage's one-way time to the emulator (ms), the floor's only fixed delay. */
  oneWayMs: number;
  /** Calls Slack answered with 429. */
  rateLimited: number;
  kinds: StalenessKindResult[];
  lost: number;
  doubled: number;
}

const START = new Date("2026-03-08T06:00:00.000Z");

export async function benchStaleness(options: {
  quick: boolean;
  provider: Provider;
}): Promise<StalenessResult> {
  const size = options.quick
    ? { regions: 2, responders: 40, hours: 3, idleGapMs: 50 }
    : { regions: 5, responders: 750, hours: 48, idleGapMs: 1000 };
  const limits = "off" as "on" | "off";
  const world = await startStalenessWorld({
    provider: options.provider,
    responders: size.responders,
    start: START,
    regions: size.regions,
  });
  try {
    const oneWayMs = await bareOneWayMs(world);
    const schedule = plannedSchedule(size);
    const replay = await replaySchedule(world, schedule, { start: START, idleGapMs: size.idleGapMs });
    const observations = await observe(world, replay);
    const floorCalls: FloorCall[] = observations.flatMap((o) => o.floor);
    const served = floorServedAt(floorCalls, limits === "on" ? DOCUMENTED_LIMITS : NO_LIMITS);
    // An observation's floor is when the last of its calls would be served.
    let next = 0;
    const floors = observations.map((o) => {
      const mine = served.slice(next, next + o.floor.length);
      next += o.floor.length;
      return Math.max(...mine.map((at, i) => at - (o.floor[i] as FloorCall).arrival)) + oneWayMs;
    });
    const kinds = KINDS.map((kind): StalenessKindResult => {
      const mine = observations
        .map((o, i) => ({ o, floor: floors[i] as number }))
        .filter((x) => x.o.kind === kind);
      const shown = mine.filter((x) => Number.isFinite(x.o.staleMs));
      const p99 = percentile(
        shown.map((x) => x.o.staleMs),
        99,
      );
      const floorP99 = percentile(
        mine.map((x) => x.floor),
        99,
      );
      return {
        kind,
        changes: mine.length,
        p50Ms: round(
          percentile(
            shown.map((x) => x.o.staleMs),
            50,
          ),
          1,
        ),
        p99Ms: round(p99, 1),
        floorP50Ms: round(
          percentile(
            mine.map((x) => x.floor),
            50,
          ),
          1,
        ),
        floorP99Ms: round(floorP99, 1),
        p99Ratio: round(p99 / floorP99, 1),
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
        drainSeconds: round(replay.drainMs / 1000, 1),
        idleGapMs: size.idleGapMs,
      },
      oneWayMs: round(oneWayMs, 2),
      rateLimited: world.emulator.calls.filter((c) => c.error === "ratelimited").length,
      kinds,
      lost: kinds.reduce((sum, k) => sum + k.lost, 0),
      doubled: kinds.reduce((sum, k) => sum + k.doubled, 0),
    };
  } finally {
    await world.stop();
  }
}

/** Median one-way time of a bare chat.postMessage: from sending it to the emulator recording it. */
async function bareOneWayMs(world: StalenessWorld): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 30; i++) {
    const sent = Date.now();
    const response = await fetch(`${world.emulator.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${world.emulator.botToken}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ channel: world.opsChannel, text: `baseline ${i}` }).toString(),
    });
    await response.json();
    const recorded = world.emulator.calls.at(-1);
    if (recorded?.method !== "chat.postMessage")
      throw new Error("staleness baseline: the emulator did not record the call");
    samples.push(recorded.at - sent);
  }
  return Math.max(percentile(samples, 50), 0.5);
}
