// The rows every summary, board, topic and announcement are rendered from, read in one
// statement of JSON values on either store: exactly what the model reads (every column, types, instants to the millisecond, JSON as stored), in the view's
// order, of this incident only; read outside and inside a transaction.
import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { readViewRowsInOneStatement } from "../../src/db/queries/incident-view-statement.ts";
import { testedProviders } from "../support/databases.ts";
import { readViewRowsByModel } from "../support/incident-view-by-model.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

const at = (ms: number) => new Date(Date.parse("2023-03-08T06:00:00.000Z") + ms);
const odd = "quotes \" ' back\\slash\nnew line\ttab — ✓ 한국어 😀 <!here> `code` \u2028";

/** An incident with every column set, and rows in every table the view reads; returns its id. */
async function seed(db: Db, number: number): Promise<number> {
  const incident = await db.incident.create({
    data: {
      number,
      title: `${odd} ${number}`,
      summary: odd,
      severity: 1,
      peakSeverity: 1,
      status: "monitoring",
      isPrivate: true,
      regions: ["eu1", odd],
      services: [{ nested: [1, null, true] }, "logs"],
      declaredById: "U0ALEX",
      channelId: `C0INC${number}`,
      channelName: `inc-${number}`,
      topic: odd,
      summaryTs: "1678255200.000100",
      boardTs: "1678255200.000200",
      announceTs: "1678255200.000300",
      pagesTs: "1678255200.000400",
      rotation: "sun",
      lastUpdateAt: at(50_005),
      updateCount: 3,
      remindersSnoozedUntil: at(90_000),
      rootCause: odd,
      customerImpact: odd,
      lessons: odd,
      resolvedAt: at(80_001),
      closedAt: at(80_002),
      publishedAt: at(1_999),
      statuspageIncidentId: "sp-1",
      createdAt: at(0),
      updatedAt: at(80_003),
    },
  });
  const incidentId = incident.id;
  const region = await db.workstream.create({
    data: {
      incidentId,
      name: `eu1-${number}`,
      status: "identified",
      wantChannel: true,
      channelId: `C0WS${number}`,
      channelName: `inc-${number}-eu1`,
      topic: odd,
      summaryTs: "1678255200.000500",
      rotation: "moon",
      createdById: "U0ALEX",
      createdAt: at(9),
    },
  });
  await db.workstream.create({
    data: {
      incidentId,
      name: odd,
      status: "resolved",
      createdById: "U0BLAIR",
      createdAt: at(1),
      parentId: region.id,
    },
  });
  // Started out of order, with a tie on the start, one term ended (not current).
  for (const [userId, role, startedAt, workstreamId, ended] of [
    ["U0BLAIR", "lead", at(7), region.id, false],
    ["U0ALEX", "commander", at(3), null, true],
    ["U0CASEY", "commander", at(7), null, false],
    ["U0DANA", "comms", at(5), null, false],
  ] as const) {
    await db.roleAssignment.create({
      data: {
        incidentId,
        role,
        userId,
        workstreamId,
        startedAt,
        endedAt: ended ? at(8_123) : null,
        assignedById: "U0ALEX",
        endedById: ended ? "U0CASEY" : null,
        handoffId: 42,
      },
    });
  }
  for (const [service, regionName, phase] of [
    ["logs", "", "live"],
    ["apm", "us1", "live"],
    ["logs", "", "backfill"],
    ["apm", "eu1", "backfill"],
  ] as const) {
    await db.serviceStatus.create({
      data: {
        incidentId,
        service,
        region: regionName,
        phase,
        state: "recovered",
        note: odd,
        workstreamId: region.id,
        updatedById: "U0ALEX",
        updatedAt: at(4_321),
        recoveredAt: at(4_000),
      },
    });
  }
  for (const [name, occurredAt] of [
    ["resolved", at(5_001)],
    ["mitigated", at(999)],
    ["detected", at(999)],
  ] as const) {
    await db.milestone.create({
      data: {
        incidentId,
        name,
        occurredAt,
        setById: "U0BLAIR",
        note: odd,
        originalAt: at(1_500),
        correctedById: "U0CASEY",
        correctedAt: at(60_007),
      },
    });
  }
  // Two updates at the newest instant (the later row is the latest), an older one, and a note.
  for (const [kind, text, occurredAt, workstreamId] of [
    ["update_posted", "older", at(40_000), null],
    ["update_posted", "first at the newest instant", at(50_005), null],
    ["update_posted", odd, at(50_005), region.id],
    ["note_added", "a note after it", at(60_000), null],
  ] as const) {
    await db.timelineEntry.create({
      data: {
        incidentId,
        kind,
        text,
        occurredAt,
        recordedAt: at(70_000),
        actorId: "U0BLAIR",
        workstreamId,
        data: {},
      },
    });
  }
  return incidentId;
}

/** The keys of `row` whose value is null: a seeded row must set every column, so none are. */
const nullKeys = (row: object) =>
  Object.entries(row).flatMap(([key, value]) => (value === null ? [key] : []));

describe.each(testedProviders())("an incident's view rows on %s", (provider) => {
  const deps = useTestDeps(provider);

  it("are what the model reads, every column, in the view's order, of this incident only", async () => {
    const { db } = deps().database;
    const incidentId = await seed(db, 1);
    await seed(db, 2);
    const byModel = await readViewRowsByModel(db, incidentId);
    if (!byModel) throw new Error("the seeded incident was not found");
    // Every column of the model is set, so a column whose type is read wrongly cannot hide as null.
    expect(nullKeys(byModel.incident)).toEqual([]);
    expect(byModel.workstreams.map(nullKeys)).toEqual([
      ["parentId"],
      ["channelId", "channelName", "topic", "summaryTs", "rotation"],
    ]);
    // Current terms only (their end is null by definition); incident-level ones have no workstream.
    expect(byModel.roles.map(nullKeys)).toEqual([
      ["workstreamId", "endedAt", "endedById"],
      ["endedAt", "endedById"],
      ["workstreamId", "endedAt", "endedById"],
    ]);
    for (const row of [...byModel.services, ...byModel.milestones]) expect(nullKeys(row)).toEqual([]);

    const rows = await readViewRowsInOneStatement(db, incidentId, provider);
    expect(rows).toEqual(byModel);
    expect(rows?.incident.regions).toEqual(["eu1", odd]);
    expect(rows?.roles.map((r) => r.userId)).toEqual(["U0DANA", "U0BLAIR", "U0CASEY"]);
    expect(rows?.services.map((s) => `${s.service}/${s.region}/${s.phase}`)).toEqual([
      "apm/eu1/backfill",
      "apm/us1/live",
      "logs//live",
      "logs//backfill",
    ]);
    expect(rows?.milestones.map((m) => m.name)).toEqual(["mitigated", "detected", "resolved"]);
    expect(rows?.latestUpdate).toEqual({
      text: odd,
      actorId: "U0BLAIR",
      occurredAt: at(50_005),
      workstreamId: rows?.workstreams[0]?.id,
    });

    // Inside a transaction (the repositories' views), the same rows.
    const inTransaction = await db.$transaction((tx) => readViewRowsInOneStatement(tx, incidentId, provider));
    expect(inTransaction).toEqual(byModel);
  });

  it("read no update when none was posted, and nothing for an incident that does not exist", async () => {
    const { db } = deps().database;
    const incidentId = await seed(db, 3);
    await db.incident.update({ where: { id: incidentId }, data: { lastUpdateAt: null } });
    const rows = await readViewRowsInOneStatement(db, incidentId, provider);
    expect(rows?.latestUpdate).toBeNull();
    expect(rows).toEqual(await readViewRowsByModel(db, incidentId));
    expect(await readViewRowsInOneStatement(db, incidentId + 1000, provider)).toBeNull();
  });
});
