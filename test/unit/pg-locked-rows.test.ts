// Rows a PostgreSQL transaction holds locked (src/db/pg-locked-rows.ts): read again as the
// transaction's own put-off updates leave them, and forgotten whenever a statement may have
// changed them in a way not described.
import { describe, expect, it } from "vitest";
import { LockedRows, type Row } from "../../src/db/pg-locked-rows.ts";

const COLUMNS = `"id", "updateCount"`;
const row = (updateCount: number): Row => ({ id: 1, updateCount });
const counted = (r: Row): Row => ({ ...r, updateCount: Number(r.updateCount) + 1 });

describe("LockedRows", () => {
  it("reads a remembered row with the same columns, as its described updates leave it", () => {
    const locked = new LockedRows();
    locked.remember("Incident", 1, COLUMNS, [row(0)]);
    locked.updated("Incident", 1, counted);
    locked.updated("Incident", 1, counted);
    expect(locked.read("Incident", 1, COLUMNS)).toEqual([row(2)]);
    expect(locked.read("Incident", 1, `"id"`)).toBeUndefined();
    expect(locked.read("Incident", 2, COLUMNS)).toBeUndefined();
  });

  it("gives copies: a caller changing what it read does not change the row held", () => {
    const locked = new LockedRows();
    locked.remember("Incident", 1, COLUMNS, [row(0)]);
    const [read] = locked.read("Incident", 1, COLUMNS) ?? [];
    if (read) read.updateCount = 99;
    expect(locked.read("Incident", 1, COLUMNS)).toEqual([row(0)]);
  });

  it("keeps nothing for a lock that found no row, or more than one", () => {
    const locked = new LockedRows();
    locked.remember("Incident", 1, COLUMNS, []);
    expect(locked.read("Incident", 1, COLUMNS)).toBeUndefined();
    locked.remember("Incident", 1, COLUMNS, [row(0)]);
    locked.remember("Incident", 1, COLUMNS, [row(0), row(1)]);
    expect(locked.read("Incident", 1, COLUMNS)).toBeUndefined();
  });

  it("forgets a row on an update it cannot follow, a write to its table, or a statement naming it", () => {
    const locked = new LockedRows();
    const hold = () => {
      locked.remember("Incident", 1, COLUMNS, [row(0)]);
      locked.remember("Workstream", 5, `"id"`, [{ id: 5 }]);
    };
    hold();
    locked.updated("Incident", 1, undefined);
    expect(locked.read("Incident", 1, COLUMNS)).toBeUndefined();
    expect(locked.read("Workstream", 5, `"id"`)).toEqual([{ id: 5 }]);

    hold();
    locked.forgetTable("Incident");
    expect(locked.read("Incident", 1, COLUMNS)).toBeUndefined();
    expect(locked.read("Workstream", 5, `"id"`)).toEqual([{ id: 5 }]);

    hold();
    locked.forgetNamedIn(`UPDATE "Incident" SET "status" = $1 WHERE "id" = $2`);
    expect(locked.read("Incident", 1, COLUMNS)).toBeUndefined();
    expect(locked.read("Workstream", 5, `"id"`)).toEqual([{ id: 5 }]);
    // A table whose name another's contains is not named by it.
    locked.forgetNamedIn(`SELECT 1 FROM "WorkstreamMember"`);
    expect(locked.read("Workstream", 5, `"id"`)).toEqual([{ id: 5 }]);
  });
});
