// The gap the outbox worker keeps between two refreshes of one state message and between two
// invite calls into one channel: per key, measured on the gap's own clock (scaled for the
// invite gap, which is app time on a real timer), and forgetting keys whose gap is over once
// more than 1,000 are remembered.
import { describe, expect, it } from "vitest";
import { PerKeyGap } from "../../../src/outbox/per-key-gap.ts";

function gapOnManualClock(scale?: number) {
  const clock = { now: 0 };
  const gap = new PerKeyGap({ gapMs: 1_000, clock: () => clock.now, ...(scale ? { scale } : {}) });
  return { clock, gap };
}

describe("PerKeyGap", () => {
  it("lets a key go at once the first time, holds it for the gap after a go, then lets it go", () => {
    const { clock, gap } = gapOnManualClock();
    expect(gap.waitMs("a")).toBe(0);
    gap.mark("a");
    clock.now = 250;
    expect(gap.waitMs("a")).toBe(750);
    clock.now = 999;
    expect(gap.waitMs("a")).toBe(1);
    clock.now = 1_000;
    expect(gap.waitMs("a")).toBe(0);
  });

  it("keeps each key's gap apart", () => {
    const { clock, gap } = gapOnManualClock();
    gap.mark("a");
    clock.now = 600;
    gap.mark("b");
    expect(gap.waitMs("a")).toBe(400);
    expect(gap.waitMs("b")).toBe(1_000);
    expect(gap.waitMs("c")).toBe(0);
  });

  it("judges against a reading it is given instead of reading its clock", () => {
    const { clock, gap } = gapOnManualClock();
    gap.mark("a");
    clock.now = 5_000;
    expect(gap.waitMs("a", 300)).toBe(700);
    expect(gap.waitMs("a")).toBe(0);
  });

  it("scales its clock's readings into gap milliseconds", () => {
    // An app clock running 10× real time: 1,000 app ms pass in 100 real ms.
    const { clock, gap } = gapOnManualClock(10);
    gap.mark("a");
    clock.now = 40;
    expect(gap.waitMs("a")).toBe(600);
    clock.now = 100;
    expect(gap.waitMs("a")).toBe(0);
  });

  it("past 1,000 keys forgets, on the next mark, the keys whose gap is over and keeps the others", () => {
    const { clock, gap } = gapOnManualClock();
    for (let i = 0; i < 1_000; i++) gap.mark(`old-${i}`);
    clock.now = 500;
    gap.mark("recent");
    expect(gap.size).toBe(1_001);

    clock.now = 1_000;
    gap.mark("next");
    // The 1,000 old keys' gap is over; "recent" is still inside its own.
    expect(gap.size).toBe(2);
    expect(gap.waitMs("recent")).toBe(500);
    expect(gap.waitMs("next")).toBe(1_000);
    expect(gap.waitMs("old-0")).toBe(0);
  });

  it("does not prune while at most 1,000 keys are remembered", () => {
    const { clock, gap } = gapOnManualClock();
    for (let i = 0; i < 1_000; i++) gap.mark(`old-${i}`);
    clock.now = 5_000;
    gap.mark("next");
    expect(gap.size).toBe(1_001);
  });
});
