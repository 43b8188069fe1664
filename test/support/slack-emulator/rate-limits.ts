// Slack's per-method rate-limit tiers, so tests and benchmarks can see how the bot behaves
// under Slack's real limits instead of only under 429s injected one by one.
//
// Model: one token bucket per method per workspace (per method per channel for
// chat.postMessage). A bucket holds at most `burst` calls and refills at `perMinute` per
// minute of the emulator's clock; a call that finds no token is refused with HTTP 429 and
// `Retry-After` (whole seconds until a token is back, at least 1) and takes no token.
// Slack publishes the steady rates ("Tier 2: 20+ per minute", "1 message per second per
// channel, with short bursts"), not the burst sizes: the bursts here are a tenth of a
// minute's calls (at least 1), and 3 messages per channel for chat.postMessage.
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Args } from "./types.ts";

export interface RateLimit {
  /** Steady rate: calls per minute of the emulator's clock. */
  perMinute: number;
  /** Calls that may go back to back after a quiet spell (the bucket's size). */
  burst: number;
  /** "workspace": one bucket per method; "channel": one per method and `channel` argument. */
  scope: "workspace" | "channel";
}

/** Method name → its limit; methods absent from a table are not limited. */
export type RateLimitTable = ReadonlyMap<string, RateLimit>;

/** "slack-tiers": Slack's documented tiers; "off": no limits (the default); or a table of your own. */
export type RateLimitSetting = "off" | "slack-tiers" | RateLimitTable;

function tier(perMinute: number): RateLimit {
  return { perMinute, burst: Math.max(1, Math.round(perMinute / 10)), scope: "workspace" };
}

/** Slack's tiers (docs.slack.dev/apis/web-api/rate-limits): the floor of each "N+ per minute". */
export const SLACK_TIERS = {
  Tier1: tier(1),
  Tier2: tier(20),
  Tier3: tier(50),
  Tier4: tier(100),
  /** "1 message per second per channel, with short bursts of more than 1 allowed". */
  SpecialTier_chat_postMessage: { perMinute: 60, burst: 3, scope: "channel" },
  /** auth.test: "hundreds of requests per minute". */
  SpecialTier_auth_test: tier(600),
} as const satisfies Record<string, RateLimit>;

type TierName = keyof typeof SLACK_TIERS;

/**
 * Methods the emulator serves that test/fixtures/slack/methods_summary.json does not list,
 * with their tier from Slack's method pages (same source as the summary's java_sdk_tier).
 */
const EXTRA_TIERS: Record<string, TierName> = {
  "chat.delete": "Tier3",
  "chat.getPermalink": "Tier4",
  "conversations.join": "Tier3",
  "conversations.list": "Tier2",
  "conversations.open": "Tier3",
  "conversations.replies": "Tier3",
  "files.list": "Tier3",
  "pins.remove": "Tier2",
  "reactions.remove": "Tier2",
};

const Summary = z.object({
  methods: z.array(z.object({ method: z.string(), java_sdk_tier: z.string() })),
});

const SUMMARY_URL = new URL("../../fixtures/slack/methods_summary.json", import.meta.url);

function isTierName(name: string): name is TierName {
  return Object.hasOwn(SLACK_TIERS, name);
}

function loadSlackTiers(): RateLimitTable {
  const table = new Map<string, RateLimit>();
  for (const [method, name] of Object.entries(EXTRA_TIERS)) table.set(method, SLACK_TIERS[name]);
  const summary = Summary.parse(JSON.parse(readFileSync(SUMMARY_URL, "utf8")));
  for (const { method, java_sdk_tier } of summary.methods) {
    if (!isTierName(java_sdk_tier)) throw new Error(`${method}: unknown tier ${java_sdk_tier}`);
    table.set(method, SLACK_TIERS[java_sdk_tier]);
  }
  return table;
}

/** Every Web API method the emulator serves, with Slack's limit for it. */
export const SLACK_RATE_LIMITS: RateLimitTable = loadSlackTiers();

const EPSILON = 1e-9;

interface Bucket {
  tokens: number;
  refilledAt: number;
}

/** Token buckets for one workspace, on the clock it is given (the emulator's). */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits: RateLimitTable,
    private readonly now: () => number,
  ) {}

  /**
   * Takes a token for this call, or answers how many whole seconds to wait (Slack's
   * Retry-After) when the bucket is empty; a refused call takes nothing.
   */
  admit(method: string, args: Args): { retryAfterSeconds: number } | undefined {
    const limit = this.limits.get(method);
    if (!limit) return undefined;
    const key = limit.scope === "channel" ? `${method}\u0000${String(args.channel ?? "")}` : method;
    const now = this.now();
    const perMs = limit.perMinute / 60_000;
    const bucket = this.#buckets.get(key) ?? { tokens: limit.burst, refilledAt: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + Math.max(0, now - bucket.refilledAt) * perMs);
    bucket.refilledAt = now;
    this.#buckets.set(key, bucket);
    // Float refills land a hair under a whole token (2 s at 1/3 s is 0.666…+0.333…).
    if (bucket.tokens >= 1 - EPSILON) {
      bucket.tokens = Math.max(0, bucket.tokens - 1);
      return undefined;
    }
    const waitMs = Math.round((1 - bucket.tokens) / perMs);
    return { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}

export function rateLimitTable(setting: RateLimitSetting): RateLimitTable | undefined {
  if (setting === "off") return undefined;
  if (setting === "slack-tiers") return SLACK_RATE_LIMITS;
  return setting;
}
