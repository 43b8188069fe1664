// What the scheduler's handoff jobs read at every tick, on both stores: plain SQL that must give
// exactly what the model queries gave (the same fields, booleans, instants and parsed JSON),
// leave out resolved incidents and handoffs no longer pending, and answer which job runs are
// claimed whatever the keys hold and however many there are.
import { describe, expect, it } from "vitest";
import { toHandoff } from "../../src/db/repositories/handoffs.ts";
import { toRoleAssignment } from "../../src/db/repositories/roles.ts";
import { toTimelineEntry } from "../../src/db/repositories/timeline.ts";
import { toWorkstream } from "../../src/db/repositories/workstreams.ts";
import { PENDING_STATES } from "../../src/domain/handoff/state.ts";
import { OPEN_STATUSES } from "../../src/domain/incident/status.ts";
import { testedProviders } from "../support/databases.ts";
import { bareIncidentRow } from "../support/integration-incident.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

describe.each(testedProviders())("reads of the open incidents on %s", (provider) => {
  const deps = useTestDeps(provider);

  /** An open and a resolved incident, each with a workstream on a rotation and one off it. */
  async function twoIncidents(number: number) {
    const { db } = deps().database;
    const at = deps().clock.now();
    const live = await db.incident.create({ data: bareIncidentRow(number, "Open", at) });
    const resolved = await db.incident.create({
      data: { ...bareIncidentRow(number + 1, "Resolved", at), status: "resolved" },
    });
    for (const incident of [live, resolved]) {
      await db.workstream.create({
        data: {
          incidentId: incident.id,
          name: "us1",
          status: "investigating",
          wantChannel: true,
          channelName: `inc-${incident.number}-us1`,
          rotation: "sre",
          createdById: "U1",
          createdAt: at,
          parentId: null,
        },
      });
      await db.workstream.create({
        data: {
          incidentId: incident.id,
          name: "eu1",
          status: "identified",
          createdById: "U1",
          createdAt: at,
        },
      });
    }
    return { live, resolved };
  }

  /** The ids of every open incident, as the model query filters them. */
  async function openIds(): Promise<number[]> {
    const rows = await deps().database.db.incident.findMany({
      where: { status: { in: [...OPEN_STATUSES] } },
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  it("reads the open incidents' workstreams on a rotation as the model query does", async () => {
    const { live, resolved } = await twoIncidents(7_100);
    const ids = await openIds();
    const viaModel = (
      await deps().database.db.workstream.findMany({
        where: { rotation: { not: null }, incidentId: { in: ids } },
        orderBy: { id: "asc" },
      })
    ).map(toWorkstream);
    const read = await deps().store.read.workstreams.withRotationOfOpenIncidents();
    expect(read).toEqual(viaModel);
    expect(read.map((w) => w.incidentId)).toContain(live.id);
    expect(read.map((w) => w.incidentId)).not.toContain(resolved.id);
    const mine = read.find((w) => w.incidentId === live.id);
    expect(mine).toMatchObject({ name: "us1", wantChannel: true, rotation: "sre", parentId: null });
    expect(mine?.createdAt).toBeInstanceOf(Date);
    expect(
      await deps().store.transaction((repos) => repos.workstreams.withRotationOfOpenIncidents()),
    ).toEqual(viaModel);
  });

  it("reads the open incidents' current role terms as the model query does, ended ones left out", async () => {
    const { live, resolved } = await twoIncidents(7_200);
    const { db } = deps().database;
    const at = deps().clock.now();
    const term = (incidentId: number, userId: string, endedAt: Date | null = null) =>
      db.roleAssignment.create({
        data: { incidentId, role: "commander", userId, startedAt: at, endedAt, assignedById: "U1" },
      });
    await term(live.id, "U0ENDED0001", at);
    const current = await term(live.id, "U0CURRENT01");
    await term(resolved.id, "U0RESOLVED1");
    const ids = await openIds();
    const viaModel = (
      await db.roleAssignment.findMany({
        where: { incidentId: { in: ids }, endedAt: null },
        orderBy: { id: "asc" },
      })
    ).map(toRoleAssignment);
    const read = await deps().store.read.roles.currentOfOpenIncidents();
    expect(read).toEqual(viaModel);
    expect(read.filter((t) => t.incidentId === live.id || t.incidentId === resolved.id)).toEqual([
      expect.objectContaining({ id: current.id, userId: "U0CURRENT01", endedAt: null, workstreamId: null }),
    ]);
    expect(read.find((t) => t.id === current.id)?.startedAt).toBeInstanceOf(Date);
  });

  it("reads one kind of entry of the open incidents, oldest first, parsed as the model query's", async () => {
    const { live, resolved } = await twoIncidents(7_300);
    const { db } = deps().database;
    const at = deps().clock.now();
    const attached = (incidentId: number, minutes: number, workstreamId: number | null) =>
      db.timelineEntry.create({
        data: {
          incidentId,
          workstreamId,
          kind: "rotation_attached",
          occurredAt: new Date(at.getTime() - minutes * 60_000),
          recordedAt: at,
          actorId: "U1",
          text: "Attached to sre",
          data: { kind: "rotation_attached", rotation: "sre", workstreamId, workstream: null },
        },
      });
    const later = await attached(live.id, 5, null);
    const earlier = await attached(live.id, 50, null);
    await attached(resolved.id, 10, null);
    await db.timelineEntry.create({
      data: {
        incidentId: live.id,
        kind: "update_posted",
        occurredAt: at,
        recordedAt: at,
        text: "other kind",
        data: { kind: "update_posted", text: "other kind", broadcast: false },
      },
    });
    const ids = await openIds();
    const viaModel = (
      await db.timelineEntry.findMany({
        where: { incidentId: { in: ids }, kind: "rotation_attached" },
        orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      })
    ).map(toTimelineEntry);
    const read = await deps().store.read.timeline.ofKindInOpenIncidents("rotation_attached");
    expect(read).toEqual(viaModel);
    expect(
      read.filter((e) => e.incidentId === live.id || e.incidentId === resolved.id).map((e) => e.id),
    ).toEqual([earlier.id, later.id]);
    expect(read.find((e) => e.id === later.id)?.event).toEqual({
      kind: "rotation_attached",
      rotation: "sre",
      workstreamId: null,
      workstream: null,
    });
  });

  it("tells which job-run keys are claimed, whatever they hold and however many are asked", async () => {
    const { db } = deps().database;
    const at = deps().clock.now();
    const odd = [`long-shift:assignment:1:"quoted" \\ back'slash`, "handoff-prompt:incident:2:ünïcödé ✓"];
    const claimed = [
      ...odd,
      ...Array.from({ length: 300 }, (_, i) => `handoff-prompt:incident:${i}:claimed`),
    ];
    for (const key of claimed) {
      await db.jobRun.create({ data: { key, job: "test", dueAt: at, ranAt: at, holder: "test" } });
    }
    const unclaimed = Array.from({ length: 900 }, (_, i) => `handoff-prompt:incident:${i}:not-claimed`);
    const asked = [...unclaimed, ...claimed, `${odd[0]} `];
    expect(await deps().store.claimedJobRuns(asked)).toEqual(new Set(claimed));
    expect(await deps().store.claimedJobRuns(odd)).toEqual(new Set(odd));
    expect(await deps().store.claimedJobRuns(unclaimed.slice(0, 3))).toEqual(new Set());
    expect(await deps().store.claimedJobRuns([])).toEqual(new Set());
  });
  it("reads the escalations due and the next one as the model queries do, pending handoffs only", async () => {
    const { db } = deps().database;
    const at = deps().clock.now();
    const minutes = (n: number) => new Date(at.getTime() + n * 60_000);
    const { live } = await twoIncidents(7_400);
    const handoff = (key: string, state: string, nextEscalationAt: Date | null, extra: object = {}) =>
      db.handoff.create({
        data: {
          incidentId: live.id,
          role: "commander",
          rotation: "sre",
          boundaryAt: minutes(-30),
          dedupeKey: `tick-reads:${key}`,
          fromUserId: "U1",
          toUserId: "U2",
          state,
          promptedAt: minutes(-45),
          acceptBy: minutes(-20),
          escalations: 1,
          nextEscalationAt,
          ...extra,
        },
      });
    await handoff("briefed-due", "briefed", minutes(-10), {
      brief: {
        currentState: "EU recovering",
        triedOrRuledOut: "rollback",
        openActions: "",
        risks: "",
        nextCheckpoint: "watch",
      },
      briefedAt: minutes(-12),
      briefedById: "U1",
    });
    await handoff("prompted-due", "prompted", minutes(-5), { promptTs: "1700000000.000100" });
    await handoff("due-now", "prompted", at);
    await handoff("later", "prompted", minutes(25));
    await handoff("latest", "briefed", minutes(55));
    await handoff("accepted", "accepted", minutes(-15), { acceptedAt: minutes(-14), acceptedById: "U2" });
    await handoff("superseded", "superseded", minutes(1));
    await handoff("no-escalation", "prompted", null);

    const dueViaModel = (
      await db.handoff.findMany({
        where: { state: { in: [...PENDING_STATES] }, nextEscalationAt: { lte: at } },
        orderBy: [{ nextEscalationAt: "asc" }, { id: "asc" }],
      })
    ).map(toHandoff);
    const due = await deps().store.read.handoffs.escalationsDue(at, 50);
    expect(due).toEqual(dueViaModel);
    expect(due.map((h) => h.dedupeKey)).toEqual([
      "tick-reads:briefed-due",
      "tick-reads:prompted-due",
      "tick-reads:due-now",
    ]);
    expect(due[0]?.brief).toMatchObject({ currentState: "EU recovering" });
    expect(await deps().store.read.handoffs.escalationsDue(at, 2)).toEqual(dueViaModel.slice(0, 2));

    const next = deps().store.read.handoffs.nextEscalationAfter;
    // After `at`, not at it; the superseded one at +1 minute does not count.
    expect(await next(at)).toEqual(minutes(25));
    expect(await next(minutes(25))).toEqual(minutes(55));
    expect(await next(minutes(55))).toBeNull();
  });
});
