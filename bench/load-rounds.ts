// Load in rounds: signed `/incident update` commands at a concurrency, timed to their HTTP 200,
// with the processes compared taking turns in rounds whose order changes each round. Shared by
// `npm run bench` (ack-latency.ts, status-page-traffic.ts) and `npm run bench:compare`.
import { cpuSecondsOf } from "./process-cpu.ts";
import { type CommandTarget, sendCommand } from "./signed-command.ts";
import { load, percentile, round } from "./stats.ts";

export interface LatencyPoint {
  concurrency: number;
  p50: number;
  p99: number;
}

/** Requests a process left unacknowledged past Bolt's 3 s (an older revision under load may). */
export interface UnacknowledgedCount {
  count: number;
}

/** `total` signed `/incident update` commands at `concurrency`; each one's time to the HTTP 200. */
export async function measure(
  target: CommandTarget,
  user: string,
  channel: string,
  concurrency: number,
  total: number,
  unacknowledged?: UnacknowledgedCount,
) {
  const durations = await load(total, concurrency, async (i) => {
    const response = await sendCommand(
      target,
      user,
      channel,
      `update load ${concurrency}/${i}: checkout recovering in us1`,
    );
    // Bolt answers 404 to a request nothing acknowledged within 3 s (its unhandled-request
    // timeout): what Slack shows the user as a failed command. Counted when asked to, and its
    // time (over 3 s) kept as a sample.
    if (unacknowledged && response.status === 404) {
      unacknowledged.count++;
      return;
    }
    // On an overloaded machine the bot acknowledges at its deadline that the answer follows
    // (src/slack/listeners/commands/register.ts): still an answer Slack accepts in time.
    if (
      response.status !== 200 ||
      (!response.body.includes("ok") &&
        !response.body.includes("Status update") &&
        !response.body.includes("Slack is slow to answer"))
    ) {
      throw new Error(
        `unexpected answer ${response.status} from ${target.eventsUrl}: ${response.body.slice(0, 200)}`,
      );
    }
  });
  return durations;
}

export const point = (concurrency: number, durations: number[]): LatencyPoint => ({
  concurrency,
  p50: round(percentile(durations, 50)),
  p99: round(percentile(durations, 99)),
});

/** A process under load and the channel its `/incident update` commands go to. */
export interface LoadTurn {
  target: CommandTarget;
  channel: string;
  /** Counts unacknowledged requests here instead of failing on the first one. */
  unacknowledged?: UnacknowledgedCount;
  /** The answering process, whose CPU per request the throughput rounds measure (Linux). */
  pid?: number;
}

/**
 * Warms every process up at the highest concurrency, so each already holds as many keep-alive
 * connections as the measurement uses (opening them is not what is being measured).
 */
export async function warmUp(turns: LoadTurn[], user: string, peak: number): Promise<void> {
  const warmup = Math.max(peak * 2, 100);
  for (const turn of turns) await measure(turn.target, user, turn.channel, peak, warmup, turn.unacknowledged);
}

/**
 * The order of `turns` in round `round`: rotated by one each round, so no process always runs
 * right after the same other one. A bot keeps working after its burst is answered (its outbox
 * delivers, its heap is collected), and in a fixed order that work always fell on the process
 * measured next: two copies of the same revision differed by 1.3× in p99 at concurrency 64.
 */
export function turnOrder<T>(turns: readonly T[], round: number): [number, T][] {
  return turns.map((_, k) => {
    const i = (k + round) % turns.length;
    return [i, turns[i] as T];
  });
}

/**
 * Latency of each process at `concurrency`. The processes take turns in three rounds, so a
 * change in background load on the machine falls on all of them, in an order that changes
 * every round (turnOrder); each round first reopens idle keep-alive connections.
 */
export async function measureInRounds(
  turns: LoadTurn[],
  user: string,
  concurrency: number,
  requests: number,
): Promise<LatencyPoint[]> {
  const samples = turns.map((): number[] => []);
  const perRound = requestsPerRound(concurrency, requests);
  await inRounds(turns, async (i, { target, channel, unacknowledged }) => {
    await measure(target, user, channel, concurrency, concurrency, unacknowledged);
    samples[i]?.push(...(await measure(target, user, channel, concurrency, perRound, unacknowledged)));
  });
  return samples.map((durations) => point(concurrency, durations));
}

/**
 * Requests per second each process acknowledges at `concurrency`, over `total` requests each,
 * measured in three rounds in changing order (turnOrder) like the latency, so neither gets the
 * quiet minute nor always follows the other's burst; each one's durations; and, for a turn that
 * names its process, the CPU that process used during its own turns per request answered
 * (null where /proc cannot tell). Work a bot leaves for after its turn (the outbox catching up)
 * falls outside it, so is not counted for anyone.
 */
export async function requestsPerSecondInRounds(
  turns: LoadTurn[],
  user: string,
  concurrency: number,
  total: number,
): Promise<{ perSecond: number; durations: number[]; cpuMsPerRequest: number | null }[]> {
  const perRound = requestsPerRound(concurrency, total);
  const seconds = turns.map(() => 0);
  const durations = turns.map((): number[] => []);
  const cpuSeconds = turns.map((): number | null => 0);
  await inRounds(turns, async (i, turn) => {
    const cpuBefore = cpuSecondsOf(turn.pid);
    const run = await requestsPerSecond(turn, user, concurrency, perRound);
    const cpuAfter = cpuSecondsOf(turn.pid);
    seconds[i] = (seconds[i] ?? 0) + perRound / run.perSecond;
    durations[i]?.push(...run.durations);
    const used = cpuSeconds[i] ?? null;
    cpuSeconds[i] =
      used === null || cpuBefore === null || cpuAfter === null ? null : used + cpuAfter - cpuBefore;
  });
  return seconds.map((s, i) => {
    const cpu = cpuSeconds[i] ?? null;
    return {
      perSecond: (ROUNDS * perRound) / s,
      durations: durations[i] ?? [],
      cpuMsPerRequest: cpu === null ? null : (cpu * 1000) / (ROUNDS * perRound),
    };
  });
}

/** Rounds of turns per figure. */
export const ROUNDS = 3;

/** A figure's `total` requests split over the rounds, at least one full wave of `concurrency`. */
export function requestsPerRound(concurrency: number, total: number): number {
  return Math.max(concurrency, Math.ceil(total / ROUNDS));
}

/** Visits every turn once per round, in the order turnOrder gives each round. */
async function inRounds<T>(
  turns: readonly T[],
  visit: (index: number, turn: T) => Promise<void>,
): Promise<void> {
  for (let round = 0; round < ROUNDS; round++)
    for (const [i, turn] of turnOrder(turns, round)) await visit(i, turn);
}

/** Requests per second one process acknowledges over `total` requests, and their durations. */
export async function requestsPerSecond(
  turn: LoadTurn,
  user: string,
  concurrency: number,
  total: number,
): Promise<{ perSecond: number; durations: number[] }> {
  const started = performance.now();
  const durations = await measure(turn.target, user, turn.channel, concurrency, total, turn.unacknowledged);
  return { perSecond: total / ((performance.now() - started) / 1000), durations };
}
