// The bot's own pacing under Slack's tiers: buckets per method (per channel for
// chat.postMessage), holds learned from Retry-After, bulk leaving the last token to urgent
// work, and calls a person waits on never refused for pacing alone.
import { describe, expect, it } from "vitest";
import { KNOWN_LIMITS, POST_MESSAGE, TIER_2, TIER_3 } from "../../../src/slack/pacing/known-tiers.ts";
import { HEADROOM, SlackPacer } from "../../../src/slack/pacing/pacer.ts";

/** Milliseconds between calls at the paced rate: a little under Slack's, for network jitter. */
const interval = (perMinute: number) => Math.ceil(60_000 / (perMinute * HEADROOM));

function pacerAt(start = 5_000_000) {
  let at = start;
  const pacer = new SlackPacer(KNOWN_LIMITS, () => at);
  return { pacer, advance: (ms: number) => (at += ms) };
}

describe("SlackPacer", () => {
  it("knows the tiers Slack documents for the methods the outbox calls", () => {
    expect(KNOWN_LIMITS.get("chat.update")).toBe(TIER_3);
    expect(KNOWN_LIMITS.get("conversations.invite")).toBe(TIER_3);
    expect(KNOWN_LIMITS.get("pins.add")).toBe(TIER_2);
    expect(KNOWN_LIMITS.get("conversations.setTopic")).toBe(TIER_2);
    expect(KNOWN_LIMITS.get("chat.postMessage")).toBe(POST_MESSAGE);
    expect(POST_MESSAGE).toEqual({ perMinute: 60, burst: 3, scope: "channel" });
  });

  it("lets a burst go, then says how long until the next call may", () => {
    const { pacer, advance } = pacerAt();
    for (let i = 0; i < TIER_3.burst; i++) expect(pacer.take("chat.update", "C1")).toBe(0);
    expect(pacer.take("chat.update", "C2")).toBe(interval(50)); // 50 a minute, per workspace
    expect(interval(50)).toBeGreaterThan(1_200);
    advance(interval(50));
    expect(pacer.take("chat.update", "C3")).toBe(0);
    const next = pacer.take("chat.update", "C1");
    expect(next).toBeGreaterThan(1_200);
    expect(next).toBeLessThanOrEqual(interval(50));
  });

  it("paces chat.postMessage per channel: one busy channel does not hold up another", () => {
    const { pacer } = pacerAt();
    for (let i = 0; i < 3; i++) expect(pacer.take("chat.postMessage", "C1")).toBe(0);
    expect(pacer.take("chat.postMessage", "C1")).toBe(interval(60));
    expect(pacer.take("chat.postMessage", "C2")).toBe(0);
  });

  it("holds a method for Slack's Retry-After, then restarts from an empty bucket", () => {
    const { pacer, advance } = pacerAt();
    pacer.hold("pins.add", "C1", 30_000);
    expect(pacer.take("pins.add", "C9")).toBe(30_000);
    expect(pacer.take("pins.add", "C9", "unpaced")).toBe(30_000);
    advance(30_000);
    expect(pacer.take("pins.add", "C9")).toBe(interval(20)); // no burst right after a 429
    advance(interval(20));
    expect(pacer.take("pins.add", "C9")).toBe(0);
  });

  it("holds chat.postMessage only in the channel Slack refused", () => {
    const { pacer } = pacerAt();
    pacer.hold("chat.postMessage", "C1", 5_000);
    expect(pacer.take("chat.postMessage", "C1")).toBe(5_000);
    expect(pacer.take("chat.postMessage", "C2")).toBe(0);
  });

  it("learns holds for methods it has no tier for, and otherwise lets them go", () => {
    const { pacer } = pacerAt();
    expect(pacer.take("admin.unknown.method", undefined)).toBe(0);
    pacer.hold("admin.unknown.method", undefined, 2_000);
    expect(pacer.take("admin.unknown.method", undefined)).toBe(2_000);
  });

  it("bulk calls leave the last token to urgent ones, at the same steady rate", () => {
    const { pacer, advance } = pacerAt();
    for (let i = 0; i < TIER_3.burst - 1; i++) expect(pacer.take("chat.update", "C1", "bulk")).toBe(0);
    expect(pacer.take("chat.update", "C1", "bulk")).toBe(interval(50));
    expect(pacer.take("chat.update", "C1", "urgent")).toBe(0);
    advance(60_000);
    let bulk = 0;
    for (let ms = 0; ms < 60_000; ms += 100) {
      while (pacer.take("chat.update", "C1", "bulk") === 0) bulk += 1;
      advance(100);
    }
    expect(bulk).toBeGreaterThanOrEqual(Math.floor(TIER_3.perMinute * HEADROOM));
  });

  it("never refuses a call a person waits on for pacing alone, but counts it", () => {
    const { pacer } = pacerAt();
    for (let i = 0; i < 20; i++) expect(pacer.take("views.open", undefined, "unpaced")).toBe(0);
    expect(pacer.take("views.open", undefined, "urgent")).toBeGreaterThan(0);
  });
});
