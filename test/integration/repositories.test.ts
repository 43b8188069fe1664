// The repositories' edge on both stores: rows come back as domain values, and a row the
// domain cannot read is an error that names the row, never a silently defaulted value.
import { describe, expect, it } from "vitest";
import { announcementOf } from "../../src/db/repositories/delivery-scope.ts";
import {
  dueLaneHeads,
  markSending,
  nextDueAfter,
  pendingInLane,
  QUEUED_FIELDS,
} from "../../src/db/repositories/outbox.ts";
import { invitePeople } from "../../src/services/invite-people.ts";
import { testedProviders } from "../support/databases.ts";
import { COMMANDER, declareTestIncident } from "../support/integration-incident.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

describe.each(testedProviders())("repositories on %s", (provider) => {
  const deps = useTestDeps(provider);

  it("reads a declared incident back with its enums, lists and first event parsed", async () => {
    const { incidentId } = await declareTestIncident(deps(), { severity: 1, regions: ["us1", "eu1"] });
    const { read } = deps().store;
    expect(await read.incidents.byId(incidentId)).toMatchObject({
      severity: 1,
      peakSeverity: 1,
      status: "investigating",
      regions: ["us1", "eu1"],
    });
    expect(await read.roles.holder(incidentId, "commander")).toBe(COMMANDER);
    const [declared] = await read.timeline.all(incidentId);
    expect(declared?.event).toMatchObject({ kind: "incident_declared", severity: 1, commanderId: COMMANDER });
  });

  it("locks an incident and reads it exactly as the model query does (the lock is plain SQL)", async () => {
    const { incidentId } = await declareTestIncident(deps(), { severity: 2, regions: ["us1"] });
    await deps().database.db.incident.update({
      where: { id: incidentId },
      data: { isPrivate: true, lastUpdateAt: deps().clock.now(), rootCause: "a typo" },
    });
    const viaModel = await deps().store.read.incidents.byId(incidentId);
    const locked = await deps().store.transaction((repos) => repos.incidents.lock(incidentId));
    expect(locked).toEqual(viaModel);
    expect(locked?.isPrivate).toBe(true);
    expect(locked?.lastUpdateAt).toBeInstanceOf(Date);
    expect(await deps().store.transaction((repos) => repos.incidents.lock(incidentId + 1000))).toBeNull();
  });

  it("refuses a timeline entry whose data does not parse, naming the entry", async () => {
    const { incidentId } = await declareTestIncident(deps());
    const bad = await deps().database.db.timelineEntry.create({
      data: {
        incidentId,
        kind: "severity_changed",
        occurredAt: deps().clock.now(),
        recordedAt: deps().clock.now(),
        data: { kind: "severity_changed", from: 2, to: 7, reason: "typo" },
      },
    });
    await expect(deps().store.read.timeline.all(incidentId)).rejects.toThrow(
      new RegExp(`TimelineEntry ${bad.id}: column data does not parse`),
    );
  });

  it("refuses an incident whose stored severity is not 1-4, naming the incident", async () => {
    const { incidentId } = await declareTestIncident(deps());
    await deps().database.db.incident.update({ where: { id: incidentId }, data: { severity: 9 } });
    await expect(deps().store.read.incidents.byId(incidentId)).rejects.toThrow(
      `Incident ${incidentId}: column severity holds 9, not a severity 1-4`,
    );
  });

  it("counts a person's own joins and sees their invite while it is queued (Join's episodes)", async () => {
    const { incidentId } = await declareTestIncident(deps());
    const { read } = deps().store;
    const joiner = "U0JOINER01";
    const invite = (actorId: string, requestKey: string) =>
      invitePeople(deps(), {
        incidentId,
        workstreamId: null,
        userIds: [joiner],
        groupIds: [],
        actorId,
        requestKey,
      });
    expect(await read.timeline.selfJoins(incidentId, joiner)).toBe(0);
    expect(await read.outbox.invitePending(incidentId, joiner)).toBe(false);
    await invite(joiner, `join-test-${provider}-1`);
    // Invited by someone else: not a join of their own.
    await invite(COMMANDER, `join-test-${provider}-2`);
    expect(await read.timeline.selfJoins(incidentId, joiner)).toBe(1);
    expect(await read.outbox.invitePending(incidentId, joiner)).toBe(true);
    expect(await read.outbox.invitePending(incidentId + 1000, joiner)).toBe(false);
    await deps().database.db.outboxMessage.updateMany({
      where: { kind: "channel.invite" },
      data: { status: "done", deliveredAt: deps().clock.now() },
    });
    expect(await read.outbox.invitePending(incidentId, joiner)).toBe(false);
  });

  it("gives each due lane's oldest due message, oldest lane first, as the model reads them (one plain statement)", async () => {
    const { db } = deps().database;
    await db.outboxMessage.deleteMany({});
    const now = new Date("2026-03-08T06:00:00.500Z");
    const at = (ms: number) => new Date(now.getTime() + ms);
    const row = (lane: string, due: Date, extra: object = {}) => ({
      lane,
      kind: "channel.post",
      payload: { kind: "channel.post", lane, due: due.toISOString(), nested: { list: [1, "two"] } },
      status: "pending",
      nextAttemptAt: due,
      createdAt: at(-60_000),
      ...extra,
    });
    for (const data of [
      row("lane-b", at(-5_000)),
      row("lane-a", at(-1)),
      row("lane-a", at(-9_000), { attempts: 2, sendingAt: at(-20_000) }),
      row("lane-c", at(1)), // not due yet
      row("lane-d", at(-100), { status: "done" }),
      row("lane-e", now),
    ])
      await db.outboxMessage.create({ data });
    const viaModel = await db.outboxMessage.findMany({
      where: { lane: { in: ["lane-a", "lane-b", "lane-e"] }, status: "pending", nextAttemptAt: { lte: now } },
      orderBy: { id: "asc" },
      select: QUEUED_FIELDS,
    });
    const heads = viaModel.filter((m, i) => viaModel.findIndex((n) => n.lane === m.lane) === i);
    expect(heads.map((h) => h.lane)).toEqual(["lane-b", "lane-a", "lane-e"]);
    expect(await dueLaneHeads(db, now, 10)).toEqual(heads);
    expect(await dueLaneHeads(db, now, 2)).toEqual(heads.slice(0, 2));

    // The lane pass's own plain statements (src/db/plain-statements.ts), against the model.
    const laneA = await db.outboxMessage.findMany({
      where: { lane: "lane-a", status: "pending" },
      orderBy: { id: "asc" },
      select: QUEUED_FIELDS,
    });
    expect(laneA).toHaveLength(2);
    expect(await pendingInLane(db, "lane-a", 10)).toEqual(laneA);
    expect(await pendingInLane(db, "lane-a", 1)).toEqual(laneA.slice(0, 1));
    expect(await pendingInLane(db, "lane-d", 10)).toEqual([]);
    expect(await nextDueAfter(db, now)).toEqual(at(1));
    expect(await nextDueAfter(db, at(1))).toBeNull();
    const [first] = laneA;
    if (!first) throw new Error("no message");
    await markSending(db, first.id, at(5));
    expect(await db.outboxMessage.findUnique({ where: { id: first.id } })).toMatchObject({
      sendingAt: at(5),
      attempts: first.attempts + 1,
    });
    await expect(markSending(db, first.id + 1000, at(5))).rejects.toThrow("does not exist");
  });

  it("reads where an announcement reply goes as the model does (one plain statement)", async () => {
    const { db } = deps().database;
    const { incidentId } = await declareTestIncident(deps(), { severity: 2, regions: ["us1"] });
    const model = () =>
      db.incident.findUniqueOrThrow({
        where: { id: incidentId },
        select: { isPrivate: true, channelId: true, announceTs: true },
      });
    expect(await announcementOf(db, incidentId)).toEqual(await model());
    await db.incident.update({
      where: { id: incidentId },
      data: { isPrivate: true, channelId: "C0PRIVATE", announceTs: "1700000000.000100" },
    });
    expect(await model()).toEqual({
      isPrivate: true,
      channelId: "C0PRIVATE",
      announceTs: "1700000000.000100",
    });
    expect(await announcementOf(db, incidentId)).toEqual(await model());
    await expect(announcementOf(db, incidentId + 1000)).rejects.toThrow("does not exist");
  });
});
