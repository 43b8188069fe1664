// Paces the bot's Web API calls so it rarely meets a 429: a token bucket per method (per
// method and channel for chat.postMessage) refilled at the known rate (./known-tiers.ts),
// and holds learned from Slack's Retry-After. A call that would go over is not sent: the
// caller is told how long to wait, and the outbox puts that message off without holding up
// other lanes.
//
// Bulk work (mirrors, invites, DMs of many people) leaves the last token of a bucket to
// urgent work (what people act on), so a steady stream of bulk calls costs urgent calls no
// wait; bulk's own rate is unchanged.
//
// Per replica: each replica paces alone, so N replicas could together send N times a
// method's rate. Acceptable: the outbox runs each lane in one replica at a time, replicas
// are few (2–3), the rates are Slack's floors ("N+ per minute") and bursts are guesses on the
// low side, and a 429 that still happens is learned and waited out, never lost.
import type { PaceLimit } from "./known-tiers.ts";

interface Bucket {
  tokens: number;
  refilledAt: number;
  /** No call before this instant (ms): a Retry-After Slack gave us. */
  heldUntil: number;
}

const EPSILON = 1e-9;

/**
 * The share of a known rate the pacer uses. Slack counts a call when it arrives, the pacer
 * when it leaves: with network jitter, pacing at exactly Slack's rate would still meet an
 * occasional 429. A tenth less leaves ~100 ms of slack after a burst, growing over a minute.
 */
export const HEADROOM = 0.9;

export type PaceMode = "urgent" | "bulk" | "unpaced";

export class SlackPacer {
  readonly #buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits: ReadonlyMap<string, PaceLimit>,
    private readonly now: () => number,
  ) {}

  /**
   * Counts a call that may go now and answers 0, or answers the milliseconds until it may
   * (counting nothing). "bulk" calls leave a bucket's last token to "urgent" ones. "unpaced"
   * calls (a person waiting on the answer: a modal, an ephemeral reply) wait only for a hold
   * Slack gave; they are counted, so the outbox's calls make room for them.
   */
  take(method: string, channel: string | undefined, mode: PaceMode = "urgent"): number {
    const now = this.now();
    const limit = this.limits.get(method);
    const bucket = this.#bucket(method, channel, limit, now);
    if (bucket.heldUntil > now) return bucket.heldUntil - now;
    if (!limit) return 0;
    const reserve = mode === "bulk" && limit.burst > 1 ? 1 : 0;
    if (mode === "unpaced" || bucket.tokens >= 1 + reserve - EPSILON) {
      bucket.tokens = Math.max(-limit.burst, bucket.tokens - 1);
      return 0;
    }
    return Math.max(1, Math.ceil((1 + reserve - bucket.tokens) / perMs(limit)));
  }

  /** Slack answered 429: nothing of this method (in this channel, if per channel) before `retryAfterMs`. */
  hold(method: string, channel: string | undefined, retryAfterMs: number): void {
    const now = this.now();
    const bucket = this.#bucket(method, channel, this.limits.get(method), now);
    bucket.heldUntil = Math.max(bucket.heldUntil, now + retryAfterMs);
    // Slack's budget is spent: after the hold, start from an empty bucket rather than a burst.
    bucket.tokens = 0;
    bucket.refilledAt = bucket.heldUntil;
  }

  #bucket(method: string, channel: string | undefined, limit: PaceLimit | undefined, now: number): Bucket {
    const key =
      limit?.scope === "channel" || (!limit && method === "chat.postMessage")
        ? `${method}\u0000${channel ?? ""}`
        : method;
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = { tokens: limit?.burst ?? 0, refilledAt: now, heldUntil: 0 };
      this.#buckets.set(key, bucket);
    }
    if (limit && now > bucket.refilledAt) {
      bucket.tokens = Math.min(limit.burst, bucket.tokens + (now - bucket.refilledAt) * perMs(limit));
      bucket.refilledAt = now;
    }
    return bucket;
  }
}

function perMs(limit: PaceLimit): number {
  return (limit.perMinute * HEADROOM) / 60_000;
}
