// The floor: how fresh Slack could be kept by a perfect scheduler under the same limits. Each
// Slack write the changes need (one call per message kind, invites in calls of up to 1000)
// arrives when its change was committed (the same wall-clock arrivals the bot saw), and is
// served by an ideal token bucket per method (per channel for chat.postMessage) the moment a
// token is free, what people act on first (channel updates and pinned summaries), state
// messages coalesced while they wait (one write shows every change before it). No other delay
// exists except one bare call's one-way time to the emulator, measured in the same run.

export interface FloorCall {
  kind: string;
  /** Wall ms when the change this call shows was committed. */
  arrival: number;
  method: string;
  channel: string;
  /** Same key while waiting = one write serves both (state messages). */
  coalesceKey?: string;
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

/** Slack's documented tiers for the methods the measured messages use (../shared/slack/README.md). */
const TIER_PER_MINUTE: Record<string, number> = {
  "chat.update": 50,
  "conversations.invite": 50,
};

export const DOCUMENTED_LIMITS: LimitModel = (method, channel) => {
  if (method === "chat.postMessage") return { key: `${method}:${channel}`, perMinute: 60, burst: 3 };
  const perMinute = TIER_PER_MINUTE[method];
  return perMinute ? { key: method, perMinute, burst: perMinute } : null;
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
      // A state message's write shows every change to it that is waiting.
      const key = (calls[head] as FloorCall).coalesceKey;
      if (key)
        for (let j = queue.length - 1; j >= 0; j--)
          if ((calls[queue[j] as number] as FloorCall).coalesceKey === key) {
            served[queue[j] as number] = clock;
            queue.splice(j, 1);
          }
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
