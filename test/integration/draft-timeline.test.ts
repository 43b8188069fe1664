// The timeline a postmortem draft cites, as the loader reads it: on SQLite as one JSON document
// built by the database, on PostgreSQL as rows (straight from the pool, or through Prisma in a
// transaction). Either way the entries are exactly the model's rows (types, instants to the
// millisecond, JSON data as stored), in the order things happened, without pins everyone took
// back or the "unpinned" entries, and without other incidents'.
import { describe, expect, it } from "vitest";
import { poolOf } from "../../src/db/pg-pool.ts";
import { readDraftTimeline } from "../../src/db/queries/draft-timeline.ts";
import { testedProviders } from "../support/databases.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

describe.each(testedProviders())("the draft's timeline on %s", (provider) => {
  const deps = useTestDeps(provider);

  it("reads what the model query reads, in order, leaving out pins taken back", async () => {
    const { db } = deps().database;
    const incident = async (number: number) =>
      db.incident.create({
        data: {
          number,
          title: `inc ${number}`,
          summary: "",
          severity: 2,
          peakSeverity: 2,
          status: "open",
          isPrivate: false,
          regions: [],
          services: [],
          declaredById: "U0ALEX",
          channelName: `inc-${number}`,
          createdAt: new Date("2023-03-08T06:00:00.000Z"),
          updatedAt: new Date("2023-03-08T06:00:00.000Z"),
        },
      });
    const mine = await incident(1);
    const other = await incident(2);
    const at = (ms: number) => new Date(Date.parse("2023-03-08T06:00:00.000Z") + ms);
    const odd = "quotes \" ' back\\slash\nnew line\ttab — ✓ 한국어 😀 <!here> `code` \u2028";
    const entries = [
      {
        kind: "note_added",
        ms: 5_001,
        text: odd,
        data: {
          text: odd,
          tag: "cause",
          n: 12345678901234,
          f: 0.5,
          deep: { a: [1, null, true, { b: "c" }] },
        },
        tag: "cause",
      },
      {
        kind: "update_posted",
        ms: 1_999,
        text: "",
        data: { text: "Investigating", broadcast: true },
        permalink: "https://x.slack.com/archives/C1/p1",
      },
      {
        kind: "message_pinned",
        ms: 3_000,
        text: "still pinned",
        data: { text: "still pinned", authorId: "U0BLAIR" },
      },
      { kind: "message_pinned", ms: 3_001, text: "taken back", data: { text: "taken back" } },
      { kind: "message_unpinned", ms: 3_500, text: "", data: { text: "taken back" } },
      { kind: "severity_changed", ms: 3_000, text: "", data: null, workstream: true },
      { kind: "status_changed", ms: 0, text: "", data: [] as unknown },
    ];
    const workstream = await db.workstream.create({
      data: { incidentId: mine.id, name: "us1", status: "active", createdById: "U0ALEX", createdAt: at(0) },
    });
    const ids: Record<string, number> = {};
    for (const e of entries) {
      const row = await db.timelineEntry.create({
        data: {
          incidentId: mine.id,
          kind: e.kind,
          occurredAt: at(e.ms),
          recordedAt: at(e.ms + 60_123),
          actorId: e.kind === "status_changed" ? null : "U0ALEX",
          workstreamId: e.workstream ? workstream.id : null,
          text: e.text,
          ...(e.data === null ? {} : { data: e.data as object }),
          tag: e.tag ?? null,
          permalink: e.permalink ?? null,
        },
      });
      ids[e.text || e.kind] = row.id;
    }
    await db.timelinePin.create({
      data: { entryId: ids["still pinned"] as number, channelId: "C1", messageTs: "1.1", userId: "U0BLAIR" },
    });
    const elsewhere = await db.timelineEntry.create({
      data: {
        incidentId: other.id,
        kind: "note_added",
        occurredAt: at(1),
        recordedAt: at(1),
        text: "other",
        data: {},
      },
    });
    await db.timelinePin.create({
      data: { entryId: elsewhere.id, channelId: "C2", messageTs: "2.2", userId: "U0ALEX" },
    });

    const expected = (
      await db.timelineEntry.findMany({
        where: { incidentId: mine.id, NOT: { kind: "message_unpinned" } },
        orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          kind: true,
          occurredAt: true,
          recordedAt: true,
          actorId: true,
          workstreamId: true,
          text: true,
          data: true,
          tag: true,
          permalink: true,
        },
      })
    ).filter((row) => row.id !== ids["taken back"]);

    // On PostgreSQL the store's client reads straight from its pool; a transaction's client
    // (and a client whose pool is not known) through Prisma's raw query: both are checked.
    expect(poolOf(db) !== undefined).toBe(provider === "postgresql");
    const inTransaction = await db.$transaction((tx) => readDraftTimeline(tx, mine.id, provider));
    expect(inTransaction).toEqual(expected);
    for (const asStore of [provider, undefined]) {
      const read = await readDraftTimeline(db, mine.id, asStore);
      expect(read.map((e) => e.text || e.kind)).toEqual([
        "status_changed",
        "update_posted",
        "still pinned",
        "severity_changed",
        odd,
      ]);
      expect(read).toEqual(expected);
      for (const entry of read) expect(entry.occurredAt).toBeInstanceOf(Date);
    }
    expect(await readDraftTimeline(db, 999_999, provider)).toEqual([]);
  });
});
