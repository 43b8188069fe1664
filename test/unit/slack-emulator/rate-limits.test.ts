// Slack's tier limits in the emulator: token buckets per method (per channel for
// chat.postMessage) on an injectable clock, answered as Slack does (429, Retry-After,
// "ratelimited"), off by default and switchable per test.
import { WebAPIRateLimitedError } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import {
  type RateLimit,
  RateLimiter,
  SLACK_RATE_LIMITS,
  SLACK_TIERS,
} from "../../support/slack-emulator/index.ts";
import { harness } from "./harness.ts";

function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let at = start;
  return { now: () => at, advance: (ms) => (at += ms) };
}

describe("the tier table", () => {
  it("gives the tiers Slack documents for the methods the bot uses", () => {
    expect(SLACK_RATE_LIMITS.get("conversations.create")).toBe(SLACK_TIERS.Tier2);
    expect(SLACK_RATE_LIMITS.get("pins.add")).toBe(SLACK_TIERS.Tier2);
    expect(SLACK_RATE_LIMITS.get("conversations.invite")).toBe(SLACK_TIERS.Tier3);
    expect(SLACK_RATE_LIMITS.get("chat.update")).toBe(SLACK_TIERS.Tier3);
    expect(SLACK_RATE_LIMITS.get("views.open")).toBe(SLACK_TIERS.Tier4);
    expect(SLACK_RATE_LIMITS.get("reactions.remove")).toBe(SLACK_TIERS.Tier2);
    expect(SLACK_RATE_LIMITS.get("chat.postMessage")).toEqual({ perMinute: 60, burst: 3, scope: "channel" });
    expect([SLACK_TIERS.Tier1, SLACK_TIERS.Tier2, SLACK_TIERS.Tier3, SLACK_TIERS.Tier4]).toEqual([
      { perMinute: 1, burst: 1, scope: "workspace" },
      { perMinute: 20, burst: 2, scope: "workspace" },
      { perMinute: 50, burst: 5, scope: "workspace" },
      { perMinute: 100, burst: 10, scope: "workspace" },
    ]);
  });
});

describe("RateLimiter", () => {
  const tier2: RateLimit = SLACK_TIERS.Tier2;

  it("lets a burst through, then refuses with the whole seconds until a token is back", () => {
    const time = clock();
    const limiter = new RateLimiter(new Map([["pins.add", tier2]]), time.now);
    expect(limiter.admit("pins.add", {})).toBeUndefined();
    expect(limiter.admit("pins.add", {})).toBeUndefined();
    expect(limiter.admit("pins.add", {})).toEqual({ retryAfterSeconds: 3 }); // 20/min: one per 3 s
    time.advance(2_000);
    expect(limiter.admit("pins.add", {})).toEqual({ retryAfterSeconds: 1 });
    time.advance(1_000);
    expect(limiter.admit("pins.add", {})).toBeUndefined();
    expect(limiter.admit("pins.add", {})).toEqual({ retryAfterSeconds: 3 });
  });

  it("holds a steady rate over a minute: burst plus perMinute, never more", () => {
    const time = clock();
    const limiter = new RateLimiter(new Map([["chat.update", SLACK_TIERS.Tier3]]), time.now);
    let admitted = 0;
    for (let ms = 0; ms <= 60_000; ms += 100) {
      while (limiter.admit("chat.update", {}) === undefined) admitted += 1;
      time.advance(100);
    }
    expect(admitted).toBe(SLACK_TIERS.Tier3.burst + SLACK_TIERS.Tier3.perMinute);
  });

  it("refused calls take no token, and a quiet spell refills only up to the burst", () => {
    const time = clock();
    const limiter = new RateLimiter(new Map([["pins.add", tier2]]), time.now);
    limiter.admit("pins.add", {});
    limiter.admit("pins.add", {});
    for (let i = 0; i < 5; i++) expect(limiter.admit("pins.add", {})).toBeDefined();
    time.advance(3_000);
    expect(limiter.admit("pins.add", {})).toBeUndefined();
    time.advance(10 * 60_000);
    expect(limiter.admit("pins.add", {})).toBeUndefined();
    expect(limiter.admit("pins.add", {})).toBeUndefined();
    expect(limiter.admit("pins.add", {})).toBeDefined();
  });

  it("keeps one bucket per channel for chat.postMessage and one per method otherwise", () => {
    const time = clock();
    const limiter = new RateLimiter(SLACK_RATE_LIMITS, time.now);
    for (let i = 0; i < 3; i++) expect(limiter.admit("chat.postMessage", { channel: "C1" })).toBeUndefined();
    expect(limiter.admit("chat.postMessage", { channel: "C1" })).toEqual({ retryAfterSeconds: 1 });
    expect(limiter.admit("chat.postMessage", { channel: "C2" })).toBeUndefined();
    expect(limiter.admit("pins.add", { channel: "C1" })).toBeUndefined();
    expect(limiter.admit("pins.add", { channel: "C2" })).toBeUndefined();
    expect(limiter.admit("pins.add", { channel: "C3" })).toBeDefined();
  });

  it("does not limit methods absent from its table", () => {
    const limiter = new RateLimiter(new Map(), clock().now);
    for (let i = 0; i < 100; i++) expect(limiter.admit("pins.add", {})).toBeUndefined();
  });
});

describe("the emulator with tier limits", () => {
  it("is off by default", async () => {
    const { emulator, client } = await harness();
    const channel = emulator.addChannel({ name: "inc-1" });
    for (let i = 0; i < 8; i++) await client.chat.postMessage({ channel: channel.id, text: `m${i}` });
    expect(emulator.messages(channel.id)).toHaveLength(8);
    expect(emulator.rateLimitedCounts()).toEqual(new Map());
  });

  it("answers over-limit calls 429 + Retry-After + ratelimited, records them, and changes nothing", async () => {
    const time = clock();
    const { emulator, client } = await harness({ rateLimits: "slack-tiers", now: time.now });
    const channel = emulator.addChannel({ name: "inc-1" });
    for (let i = 0; i < 3; i++) await client.chat.postMessage({ channel: channel.id, text: `m${i}` });
    const error = await client.chat.postMessage({ channel: channel.id, text: "m3" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(1);
    expect(emulator.messages(channel.id).map((m) => m.text)).toEqual(["m0", "m1", "m2"]);
    expect(emulator.callsTo("chat.postMessage").at(-1)).toMatchObject({
      ok: false,
      error: "ratelimited",
      rateLimited: { by: "tier", retryAfterSeconds: 1 },
    });
    expect(emulator.tierLimitedCalls()).toHaveLength(1);
    expect(emulator.rateLimitedCounts()).toEqual(new Map([["chat.postMessage", 1]]));
    time.advance(1_000);
    await expect(client.chat.postMessage({ channel: channel.id, text: "m3" })).resolves.toMatchObject({
      ok: true,
    });
  });

  it("answers the raw 429 with Slack's body and header", async () => {
    const { emulator } = await harness({ rateLimits: new Map([["auth.test", SLACK_TIERS.Tier1]]) });
    const call = () =>
      fetch(`${emulator.apiUrl}auth.test`, {
        method: "POST",
        headers: { Authorization: `Bearer ${emulator.botToken}` },
      });
    expect((await call()).status).toBe(200);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(59);
    expect(await refused.json()).toEqual({ ok: false, error: "ratelimited" });
  });

  it("switches per test, on its own clock when given one, and counts injected 429s apart", async () => {
    const { emulator, client } = await harness();
    const channel = emulator.addChannel({ name: "inc-1" });
    let simulated = 0;
    emulator.setRateLimits(new Map([["pins.add", SLACK_TIERS.Tier2]]), { now: () => simulated });
    const first = await client.chat.postMessage({ channel: channel.id, text: "a" });
    const second = await client.chat.postMessage({ channel: channel.id, text: "b" });
    const third = await client.chat.postMessage({ channel: channel.id, text: "c" });
    await client.pins.add({ channel: channel.id, timestamp: String(first.ts) });
    await client.pins.add({ channel: channel.id, timestamp: String(second.ts) });
    const pin = () => client.pins.add({ channel: channel.id, timestamp: String(third.ts) });
    await expect(pin()).rejects.toBeInstanceOf(WebAPIRateLimitedError);
    simulated += 3_000;
    await expect(pin()).resolves.toMatchObject({ ok: true });
    emulator.injectFault({ method: "auth.test", kind: "rate_limited" });
    await expect(client.auth.test()).rejects.toBeInstanceOf(WebAPIRateLimitedError);
    expect(emulator.rateLimitedCounts()).toEqual(new Map([["pins.add", 1]]));
    expect(emulator.rateLimitedCounts("fault")).toEqual(new Map([["auth.test", 1]]));
    emulator.setRateLimits("off");
    for (let i = 0; i < 5; i++) await client.chat.postMessage({ channel: channel.id, text: `x${i}` });
    expect(emulator.tierLimitedCalls()).toHaveLength(1);
  });
});
