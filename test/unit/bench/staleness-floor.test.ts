// The staleness benchmark's floor: a perfect scheduler under token buckets. The benchmark's
// ratios are only as honest as this floor, so its rules are pinned here.
import { describe, expect, it } from "vitest";
import { type FloorCall, floorServedAt, type LimitModel, NO_LIMITS } from "../../../bench/staleness/floor.ts";

const call = (arrival: number, more: Partial<FloorCall> = {}): FloorCall => ({
  kind: "pinned summary",
  arrival,
  method: "chat.update",
  channel: "C1",
  priority: 0,
  ...more,
});

/** chat.update at 60 a minute (one token a second), two at once. */
const oneASecond: LimitModel = (method) =>
  method === "chat.update" ? { key: method, perMinute: 60, burst: 2 } : null;

describe("the staleness floor", () => {
  it("serves every call the moment it arrives when nothing is limited", () => {
    expect(floorServedAt([call(5), call(5), call(9)], NO_LIMITS)).toEqual([5, 5, 9]);
  });

  it("spends the burst, then one call per token", () => {
    expect(floorServedAt([call(0), call(0), call(0), call(0)], oneASecond)).toEqual([0, 0, 1000, 2000]);
  });

  it("refills while idle, up to the burst", () => {
    expect(floorServedAt([call(0), call(0), call(10_000), call(10_000), call(10_000)], oneASecond)).toEqual([
      0, 0, 10_000, 10_000, 11_000,
    ]);
  });

  it("serves what people act on before bulk work that arrived earlier", () => {
    const bulk = { kind: "announcement", priority: 1 as const };
    const served = floorServedAt([call(0, bulk), call(0, bulk), call(10, bulk), call(20)], oneASecond);
    // Both tokens go at 0; at 1000 the priority-0 call (arrived at 20) goes before the one from 10.
    expect(served).toEqual([0, 0, 2000, 1000]);
  });

  it("keeps separate buckets apart", () => {
    const perChannel: LimitModel = (method, channel) => ({
      key: `${method}:${channel}`,
      perMinute: 60,
      burst: 1,
    });
    expect(floorServedAt([call(0), call(0, { channel: "C2" }), call(0)], perChannel)).toEqual([0, 0, 1000]);
  });
});
