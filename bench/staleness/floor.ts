// The floor: how fresh Slack could be kept by a perfect scheduler under the same limits. The
// same calls the bot made (so the same coalescing: one write of a state message that shows
// several changes counts once) go through ideal token buckets per method (per channel for
// chat.postMessage) built from the emulator's own table of Slack's tiers. A call that showed a
// measured change arrives the moment the earliest change it shows was committed; any other call
// arrives when the bot actually made it. Each is served the moment a token is free, what people
// act on first (channel updates, pinned summaries). No other delay exists except one bare
// call's one-way time to the emulator, measured in the same run.
import { SLACK_RATE_LIMITS } from "../../test/support/slack-emulator/rate-limits.ts";

export interface FloorCall {
  kind: string;
  /** Wall ms when the change this call shows was committed. */
  arrival: number;
  method: string;
  channel: string;
  /** 0 first (what people act on), then 1. */
  priority: 0 | 1;
}

export interface Bucket {
  key: string;
  perMinute: number;
  /** Tokens available at once (short bursts). */
  burst: number;
}

/** Which bucket a call draws from; null: unlimited. */
export type LimitModel = (method: string, channel: string) => Bucket | null;

export const NO_LIMITS: LimitModel = () => null;

/** The emulator's own table of Slack's tiers, so the floor and the bot meet the same limits. */
export const SLACK_LIMITS: LimitModel = (method, channel) => {
  const limit = SLACK_RATE_LIMITS.get(method);
  if (!limit) return null;
  const key = limit.scope === "channel" ? `${method}:${channel}` : method;
  return { key, perMinute: limit.perMinute, burst: limit.burst };
};

/** When each call would be served (wall ms), in the order given. */
export function floorServedAt(calls: FloorCall[], limits: LimitModel): number[] {
  const served = new Array<number>(calls.length).fill(Number.NaN);
  const byBucket = new Map<string, { bucket: Bucket | null; indexes: number[] }>();
  calls.forEach((call, i) => {
    const bucket = limits(call.method, call.channel);
    const key = bucket?.key ?? `unlimited:${i}`;
    const entry = byBucket.get(key) ?? { bucket, indexes: [] };
    entry.indexes.push(i);
    byBucket.set(key, entry);
  });
  for (const { bucket, indexes } of byBucket.values()) {
    if (!bucket) {
      for (const i of indexes) served[i] = (calls[i] as FloorCall).arrival;
      continue;
    }
    const msPerToken = 60_000 / bucket.perMinute;
    const waiting = [...indexes].sort(
      (a, b) => (calls[a] as FloorCall).arrival - (calls[b] as FloorCall).arrival,
    );
    let tokens = bucket.burst;
    let clock = (calls[waiting[0] as number] as FloorCall).arrival;
    let next = 0; // next not-yet-arrived index into `waiting`
    const queue: number[] = [];
    while (next < waiting.length || queue.length) {
      if (!queue.length) clock = Math.max(clock, (calls[waiting[next] as number] as FloorCall).arrival);
      while (next < waiting.length && (calls[waiting[next] as number] as FloorCall).arrival <= clock)
        queue.push(waiting[next++] as number);
      if (tokens < 1) {
        clock += (1 - tokens) * msPerToken;
        tokens = 1;
        continue; // more may have arrived while waiting for the token
      }
      queue.sort(
        (a, b) =>
          (calls[a] as FloorCall).priority - (calls[b] as FloorCall).priority ||
          (calls[a] as FloorCall).arrival - (calls[b] as FloorCall).arrival,
      );
      const head = queue.shift() as number;
      served[head] = clock;
      tokens -= 1;
      // Refill happens as time passes: account for it on the next token wait or arrival gap.
      const nextArrival =
        next < waiting.length ? (calls[waiting[next] as number] as FloorCall).arrival : clock;
      if (!queue.length && nextArrival > clock) {
        tokens = Math.min(bucket.burst, tokens + (nextArrival - clock) / msPerToken);
        clock = nextArrival;
      }
    }
  }
  return served;
}
