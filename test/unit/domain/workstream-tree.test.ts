// Workstreams under a region: listed in tree order, two levels at most, never under themselves.
import { describe, expect, it } from "vitest";
import { assertCanParent, childrenOf, inTreeOrder } from "../../../src/domain/incident/workstream-tree.ts";

const eu1 = { id: 1, name: "eu1", parentId: null };
const us1 = { id: 2, name: "us1", parentId: null };
const ingest = { id: 3, name: "eu1-ingest", parentId: 1 };
const query = { id: 4, name: "eu1-query", parentId: 1 };
const all = [eu1, us1, ingest, query];

describe("workstream tree", () => {
  it("lists each region followed by the workstreams under it", () => {
    expect(inTreeOrder(all).map(({ workstream, depth }) => `${depth}:${workstream.name}`)).toEqual([
      "0:eu1",
      "1:eu1-ingest",
      "1:eu1-query",
      "0:us1",
    ]);
    expect(childrenOf(all, 1).map((w) => w.name)).toEqual(["eu1-ingest", "eu1-query"]);
  });

  it("refuses a third level and a workstream under itself, naming what to do instead", () => {
    expect(() => assertCanParent(ingest, all, "eu1-ingest-kafka")).toThrow(
      "`eu1-ingest` is itself under `eu1`: workstreams nest 2 levels deep (a region over its workstreams). Put `eu1-ingest-kafka` under `eu1` instead.",
    );
    expect(() => assertCanParent(eu1, all, "eu1")).toThrow(/cannot be under itself/);
    expect(() => assertCanParent(eu1, all, "eu1-store")).not.toThrow();
  });
});
