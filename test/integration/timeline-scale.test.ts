// An incident the size of a multi-day, multi-region outage: 20,000 timeline entries, entered
// out of order (backdated, pinned late), read back in occurredAt order with one indexed query.
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { readTimeline } from "../../src/db/queries/timeline.ts";
import { testedProviders } from "../support/databases.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

const ENTRIES = 20_000;
const T0 = Date.parse("2026-03-08T06:00:00Z");

/** A client that records every model call, to prove a read is one query and not N. */
function countingClient(db: Db, calls: string[]): Db {
  return new Proxy(db, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof property !== "string" || typeof value !== "object" || value === null) return value;
      return new Proxy(value, {
        get(model, method) {
          const fn = Reflect.get(model, method);
          if (typeof fn !== "function") return fn;
          return (...args: unknown[]) => {
            calls.push(`${property}.${String(method)}`);
            return fn.apply(model, args);
          };
        },
      });
    },
  });
}

/** Deterministic shuffle (so the insertion order is not the time order). */
function shuffled(count: number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  let seed = 42;
  for (let i = count - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

describe.each(testedProviders())("a 20,000-entry timeline on %s", (provider) => {
  const deps = useTestDeps(provider);
  let incidentId: number;

  beforeAll(async () => {
    const { db } = deps().database;
    const incident = (number: number) =>
      db.incident.create({
        data: {
          number,
          title: `Outage ${number}`,
          severity: 1,
          peakSeverity: 1,
          status: "investigating",
          regions: [],
          services: [],
          declaredById: "U0000000001",
          createdAt: new Date(T0),
          updatedAt: new Date(T0),
        },
      });
    incidentId = (await incident(1)).id;
    const neighbour = (await incident(2)).id;
    // Two days of entries, several per second at the peak; ties on occurredAt on purpose.
    const rows = shuffled(ENTRIES).map((i) => ({
      incidentId,
      kind: i % 10 === 0 ? "update_posted" : "note_added",
      occurredAt: new Date(T0 + Math.floor(i / 2) * 8_000),
      recordedAt: new Date(T0 + ENTRIES * 8_000),
      actorId: `U${String(i % 750).padStart(10, "0")}`,
      text: `entry ${i}`,
      data: { text: `entry ${i}`, tag: null },
    }));
    for (let i = 0; i < rows.length; i += 5_000)
      await db.timelineEntry.createMany({ data: rows.slice(i, i + 5_000) });
    // Another incident's entries interleaved in the same table.
    await db.timelineEntry.createMany({
      data: Array.from({ length: 2_000 }, (_, i) => ({
        incidentId: neighbour,
        kind: "note_added",
        occurredAt: new Date(T0 + i * 1_000),
        recordedAt: new Date(T0 + i * 1_000),
        text: `other ${i}`,
      })),
    });
    if (provider === "postgresql") await db.$executeRawUnsafe(`ANALYZE "TimelineEntry"`);
  }, 60_000);

  it("reads every entry back in occurredAt order (ties in recording order) with one query", async () => {
    const calls: string[] = [];
    const entries = await readTimeline(countingClient(deps().database.db, calls), incidentId);
    expect(calls).toEqual(["timelineEntry.findMany"]);
    expect(entries).toHaveLength(ENTRIES);
    for (let i = 1; i < entries.length; i++) {
      const [a, b] = [entries[i - 1]!, entries[i]!];
      const inOrder =
        a.occurredAt.getTime() < b.occurredAt.getTime() ||
        (a.occurredAt.getTime() === b.occurredAt.getTime() && a.id < b.id);
      if (!inOrder) throw new Error(`entries ${a.id} and ${b.id} are out of order`);
    }
    expect(new Set(entries.map((e) => e.text)).size).toBe(ENTRIES);
    expect(entries.every((e) => e.incidentId === incidentId)).toBe(true);
    expect(entries[0]?.text).toMatch(/^entry [01]$/);
  });

  it("answers that read from the [incidentId, occurredAt, id] index, without sorting", async () => {
    const { db } = deps().database;
    if (provider === "sqlite") {
      const plan = await db.$queryRawUnsafe<{ detail: string }[]>(
        `EXPLAIN QUERY PLAN SELECT * FROM "TimelineEntry" WHERE "incidentId" = ? ORDER BY "occurredAt" ASC, "id" ASC`,
        incidentId,
      );
      const details = plan.map((p) => p.detail).join("\n");
      expect(details).toContain("TimelineEntry_incidentId_occurredAt_id_idx");
      expect(details).not.toContain("TEMP B-TREE");
    } else {
      const plan = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT * FROM "TimelineEntry" WHERE "incidentId" = $1 ORDER BY "occurredAt" ASC, "id" ASC`,
        incidentId,
      );
      const text = plan.map((p) => p["QUERY PLAN"]).join("\n");
      expect(text).toContain("TimelineEntry_incidentId_occurredAt_id_idx");
      expect(text).not.toMatch(/\bSort\b/);
    }
  });
});
