// The state tables a postmortem reads beside its timeline, as the loader reads them: on
// PostgreSQL in one statement of JSON arrays, elsewhere by the model. Either way each table's
// rows are exactly what the model reads of the fields the draft uses (types, instants to the
// millisecond, nulls, JSON as stored), in the model queries' order, and only this incident's.
import { describe, expect, it } from "vitest";
import { readPostmortemState } from "../../src/db/queries/postmortem-state.ts";
import { testedProviders } from "../support/databases.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

describe.each(testedProviders())("the postmortem's state tables on %s", (provider) => {
  const deps = useTestDeps(provider);

  it("reads what the model queries read, in their order, of this incident only", async () => {
    const { db } = deps().database;
    const at = (ms: number) => new Date(Date.parse("2023-03-08T06:00:00.000Z") + ms);
    const odd = "quotes \" ' back\\slash\nnew line\ttab — ✓ 한국어 😀 <!here> `code` \u2028";
    const seed = async (number: number) => {
      const incident = await db.incident.create({
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
          createdAt: at(0),
          updatedAt: at(0),
        },
      });
      const incidentId = incident.id;
      // Created out of order, with ties on the ordering instant, so the order is the query's.
      const later = await db.workstream.create({
        data: {
          incidentId,
          name: `eu1-${number}`,
          status: "active",
          createdById: "U0ALEX",
          createdAt: at(9),
        },
      });
      const earlier = await db.workstream.create({
        data: { incidentId, name: odd, status: "resolved", createdById: "U0ALEX", createdAt: at(1) },
      });
      await db.milestone.create({
        data: { incidentId, name: "resolved", occurredAt: at(5_001), note: odd },
      });
      await db.milestone.create({
        data: {
          incidentId,
          name: "detected",
          occurredAt: at(999),
          setById: "U0BLAIR",
          originalAt: at(1_500),
          correctedById: "U0CASEY",
          correctedAt: at(60_007),
        },
      });
      await db.milestone.create({ data: { incidentId, name: "declared", occurredAt: at(999) } });
      for (const [userId, startedAt, workstreamId] of [
        ["U0BLAIR", at(7), later.id],
        ["U0ALEX", at(3), null],
        ["U0CASEY", at(7), earlier.id],
      ] as const) {
        await db.roleAssignment.create({
          data: {
            incidentId,
            role: workstreamId ? "lead" : "commander",
            userId,
            workstreamId,
            startedAt,
            endedAt: userId === "U0ALEX" ? at(8_123) : null,
            assignedById: "U0ALEX",
            handoffId: userId === "U0BLAIR" ? 42 : null,
          },
        });
      }
      await db.serviceStatus.create({
        data: {
          incidentId,
          service: "logs",
          region: "",
          phase: "live",
          state: "recovered",
          note: odd,
          workstreamId: later.id,
          updatedById: "U0ALEX",
          updatedAt: at(4_321),
          recoveredAt: at(4_000),
        },
      });
      await db.serviceStatus.create({
        data: {
          incidentId,
          service: "apm",
          region: "us1",
          phase: "backfill",
          state: "degraded",
          updatedById: "U0ALEX",
          updatedAt: at(2),
        },
      });
      await db.actionItem.create({
        data: { incidentId, text: odd, ownerId: "U0BLAIR", createdById: "U0ALEX", createdAt: at(77) },
      });
      await db.actionItem.create({
        data: {
          incidentId,
          text: "first",
          createdById: "U0ALEX",
          createdAt: at(11),
          status: "done",
          doneAt: at(12),
        },
      });
      await db.handoff.create({
        data: {
          incidentId,
          workstreamId: later.id,
          role: "lead",
          rotation: "sun",
          boundaryAt: at(30),
          dedupeKey: `${incidentId}:lead:${at(30).toISOString()}`,
          fromUserId: "U0ALEX",
          toUserId: "U0CASEY",
          state: "accepted",
          promptedAt: at(20),
          brief: { currentState: odd, n: 12345678901234, f: 0.5, deep: { a: [1, null, true] } },
          briefedAt: at(25),
          acceptedAt: at(33),
          acceptedById: "U0CASEY",
          escalations: 2,
        },
      });
      await db.handoff.create({
        data: {
          incidentId,
          role: "commander",
          dedupeKey: `${incidentId}:commander:none`,
          toUserId: "U0BLAIR",
          state: "prompted",
          promptedAt: at(21),
        },
      });
      return incidentId;
    };
    const mine = await seed(1);
    await seed(2);

    const incidentId = mine;
    const expected = {
      milestones: await db.milestone.findMany({
        where: { incidentId },
        orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
        select: {
          name: true,
          occurredAt: true,
          setById: true,
          note: true,
          originalAt: true,
          correctedById: true,
          correctedAt: true,
        },
      }),
      roles: await db.roleAssignment.findMany({
        where: { incidentId },
        orderBy: [{ startedAt: "asc" }, { id: "asc" }],
        select: {
          role: true,
          userId: true,
          workstreamId: true,
          startedAt: true,
          endedAt: true,
          handoffId: true,
        },
      }),
      workstreams: await db.workstream.findMany({
        where: { incidentId },
        orderBy: { id: "asc" },
        select: { id: true, name: true, status: true, createdAt: true },
      }),
      services: await db.serviceStatus.findMany({
        where: { incidentId },
        orderBy: { id: "asc" },
        select: {
          service: true,
          region: true,
          phase: true,
          state: true,
          note: true,
          workstreamId: true,
          updatedAt: true,
          recoveredAt: true,
        },
      }),
      actionItems: await db.actionItem.findMany({
        where: { incidentId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          text: true,
          ownerId: true,
          createdById: true,
          createdAt: true,
          status: true,
          doneAt: true,
        },
      }),
      handoffs: await db.handoff.findMany({
        where: { incidentId },
        orderBy: { id: "asc" },
        select: {
          id: true,
          workstreamId: true,
          role: true,
          rotation: true,
          boundaryAt: true,
          fromUserId: true,
          toUserId: true,
          state: true,
          promptedAt: true,
          brief: true,
          briefedAt: true,
          acceptedAt: true,
          acceptedById: true,
          escalations: true,
        },
      }),
    };
    expect(expected.milestones.map((m) => m.name)).toEqual(["detected", "declared", "resolved"]);
    expect(expected.roles.map((r) => r.userId)).toEqual(["U0ALEX", "U0BLAIR", "U0CASEY"]);

    // In a zone away from UTC: the stored instants are UTC whatever the process's zone is.
    const zone = process.env.TZ;
    process.env.TZ = "Asia/Seoul";
    let read: Awaited<ReturnType<typeof readPostmortemState>>;
    try {
      expect(new Date(2023, 0, 1).getTimezoneOffset()).toBe(-540);
      read = await readPostmortemState(db, incidentId, provider);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    // Each table's fields as the model gives them (toEqual alone would let a missing field
    // that the model gives as undefined pass): the draft reads exactly these.
    for (const [table, rows] of Object.entries(read)) {
      const want = expected[table as keyof typeof expected];
      expect(rows, table).toEqual(want);
      expect(
        rows.map((r: object) => Object.keys(r).sort()),
        table,
      ).toEqual(want.map((r: object) => Object.keys(r).sort()));
    }
    expect(read.milestones[0]?.correctedAt).toBeInstanceOf(Date);
    expect(read.handoffs[0]?.promptedAt).toBeInstanceOf(Date);

    expect(await readPostmortemState(db, 999_999, provider)).toEqual({
      milestones: [],
      roles: [],
      workstreams: [],
      services: [],
      actionItems: [],
      handoffs: [],
    });
  });
});
