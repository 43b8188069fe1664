// The benchmark's processes take turns in rounds (bench/ack-latency.ts): the order rotates
// every round, so each process runs in each position once over three rounds, and none always
// runs right after the same other one (whose outbox and garbage collector are still busy).
import { describe, expect, it } from "vitest";
import { turnOrder } from "../../../bench/load-rounds.ts";

describe("benchmark turn order", () => {
  it("puts each of three processes in each position once over three rounds, keeping their indexes", () => {
    const turns = ["bare", "base", "head"];
    const rounds = [0, 1, 2].map((round) => turnOrder(turns, round));
    expect(rounds.map((order) => order.map(([, turn]) => turn))).toEqual([
      ["bare", "base", "head"],
      ["base", "head", "bare"],
      ["head", "bare", "base"],
    ]);
    for (const order of rounds) for (const [i, turn] of order) expect(turns[i]).toBe(turn);
    // Who runs right before whom, over the three rounds run back to back: never one process
    // always (in a fixed order, head always followed base).
    const sequence = rounds.flat().map(([, turn]) => turn);
    const predecessors = (name: string) =>
      sequence.flatMap((turn, k) => (turn === name && k > 0 ? [sequence[k - 1]] : [])).sort();
    expect(predecessors("bare")).toEqual(["head", "head"]);
    expect(predecessors("base")).toEqual(["bare", "bare", "head"]);
    expect(predecessors("head")).toEqual(["bare", "base", "base"]);
    expect(new Set(rounds.map((order) => order[0]?.[1]))).toEqual(new Set(turns));
  });

  it("alternates two processes", () => {
    const order = [0, 1, 2].map((round) => turnOrder(["bare", "app"], round).map(([, turn]) => turn));
    expect(order).toEqual([
      ["bare", "app"],
      ["app", "bare"],
      ["bare", "app"],
    ]);
  });
});
