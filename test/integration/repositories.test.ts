// The repositories' edge on both stores: rows come back as domain values, and a row the
// domain cannot read is an error that names the row, never a silently defaulted value.
import { describe, expect, it } from "vitest";
import {
  announcementOf,
  channelArchived,
  handoffCardOf,
  loadDeliveryScope,
  storeAnnounceTs,
  storeBoardTs,
  storeChannel,
  storeHandoffCardTs,
  storeSummaryTs,
  storeTopic,
  summaryRelativesOf,
  workstreamChannelsOf,
} from "../../src/db/repositories/delivery-scope.ts";
import { toIncident } from "../../src/db/repositories/incidents.ts";
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

  it("lists the open incidents exactly as the model query reads them, in and out of a transaction", async () => {
    const first = await declareTestIncident(deps(), { severity: 2, regions: ["us1", "eu1"] });
    const second = await declareTestIncident(deps(), { severity: 1 });
    const resolved = await declareTestIncident(deps(), { severity: 3 });
    const { db } = deps().database;
    await db.incident.update({
      where: { id: first.incidentId },
      data: { isPrivate: true, lastUpdateAt: deps().clock.now(), rootCause: "a typo", rotation: "sre" },
    });
    await db.incident.update({ where: { id: resolved.incidentId }, data: { status: "resolved" } });
    const viaModel = (
      await db.incident.findMany({ where: { status: { in: ["investigating", "identified", "monitoring"] } } })
    )
      .sort((a, b) => a.id - b.id)
      .map(toIncident);
    const active = await deps().store.read.incidents.active();
    // Other tests' incidents share the database: these three are the ones that tell.
    const ids = active.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([first.incidentId, second.incidentId]));
    expect(ids).not.toContain(resolved.incidentId);
    expect(active).toEqual(viaModel);
    const firstRead = active.find((i) => i.id === first.incidentId);
    expect(firstRead).toMatchObject({ isPrivate: true, rootCause: "a typo", regions: ["us1", "eu1"] });
    expect(firstRead?.createdAt).toBeInstanceOf(Date);
    expect(await deps().store.transaction((repos) => repos.incidents.active())).toEqual(viaModel);
  });

  it("reads a counter as 0 before its first step, then as its last step left it", async () => {
    const counters = deps().store.read.counters;
    expect(await counters.current("repositories-test")).toBe(0);
    expect(await counters.next("repositories-test")).toBe(1);
    expect(await counters.next("repositories-test")).toBe(2);
    expect(await counters.current("repositories-test")).toBe(2);
    expect(await counters.current("repositories-test-other")).toBe(0);
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

  it("reads every open incident's reminder state in one statement, as the model reads give it", async () => {
    const { db } = deps().database;
    const { read } = deps().store;
    const at = (minutes: number) => new Date(deps().clock.now().getTime() + minutes * 60_000);
    // Other tests' incidents (one of them corrupt on purpose) are closed: the open ones are these.
    await db.incident.updateMany({ data: { status: "closed" } });
    const reminded = await declareTestIncident(deps(), { severity: 2 });
    const snoozed = await declareTestIncident(deps(), { severity: 1 });
    const resolved = await declareTestIncident(deps(), { severity: 2 });
    const entry = (
      incidentId: number,
      occurredAt: Date,
      data: { kind: string; [field: string]: string | number },
    ) =>
      db.timelineEntry.create({
        data: {
          incidentId,
          kind: data.kind,
          occurredAt,
          recordedAt: occurredAt,
          actorId: null,
          text: "",
          data,
        },
      });
    const reminder = (dueAt: Date) => ({
      kind: "reminder_sent",
      dueAt: dueAt.toISOString(),
      toUserId: COMMANDER,
      severity: 2,
      sinceUpdateMs: 1,
    });
    await entry(reminded.incidentId, at(30), reminder(at(30)));
    // Two at the same instant: the later row is the latest, as the timeline orders them.
    await entry(reminded.incidentId, at(60), reminder(at(59)));
    await entry(reminded.incidentId, at(60), reminder(at(58)));
    await entry(reminded.incidentId, at(90), { kind: "note_added", text: "not a reminder" });
    await entry(resolved.incidentId, at(30), reminder(at(30)));
    await db.incident.update({
      where: { id: snoozed.incidentId },
      data: { lastUpdateAt: at(10), remindersSnoozedUntil: at(120) },
    });
    await db.incident.update({ where: { id: resolved.incidentId }, data: { status: "resolved" } });

    // The same states from the open incidents' model rows and each one's latest reminder.
    const viaModel = await Promise.all(
      (await read.incidents.active()).map(async (incident) => {
        const latest = await read.timeline.latest(incident.id, "reminder_sent");
        const event = latest?.event.kind === "reminder_sent" ? latest.event : null;
        return {
          incidentId: incident.id,
          state: {
            status: incident.status,
            severity: incident.severity,
            declaredAt: incident.createdAt,
            lastUpdateAt: incident.lastUpdateAt,
            snoozedUntil: incident.remindersSnoozedUntil,
            lastReminder:
              latest && event ? { dueAt: new Date(event.dueAt), sentAt: latest.occurredAt } : null,
          },
        };
      }),
    );
    const states = await read.incidents.reminderStates();
    expect(states).toEqual(viaModel);
    expect(states.map((s) => s.incidentId)).toEqual([reminded.incidentId, snoozed.incidentId]);
    expect(states[0]?.state.lastReminder).toEqual({ dueAt: at(58), sentAt: at(60) });
    expect(states[1]?.state).toMatchObject({
      lastUpdateAt: at(10),
      snoozedUntil: at(120),
      lastReminder: null,
    });

    await db.incident.update({ where: { id: snoozed.incidentId }, data: { severity: 9 } });
    await expect(read.incidents.reminderStates()).rejects.toThrow(
      `Incident ${snoozed.incidentId}: column severity holds 9, not a severity 1-4`,
    );
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

  it("reads the incident or workstream a delivery goes to as the model does (one plain statement)", async () => {
    const { db } = deps().database;
    const { incidentId } = await declareTestIncident(deps(), { severity: 2, regions: ["us1"] });
    await db.incident.update({
      where: { id: incidentId },
      data: { isPrivate: true, channelId: "C0INC", channelName: "inc-x", topic: "t", summaryTs: "1.2" },
    });
    const incident = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    const ofIncident = { id: incidentId, number: incident.number, isPrivate: true, channelId: "C0INC" };
    expect(await loadDeliveryScope(db, { incidentId })).toEqual({
      kind: "incident",
      id: incidentId,
      channelId: "C0INC",
      channelName: "inc-x",
      topic: "t",
      summaryTs: "1.2",
      incident: ofIncident,
    });
    const base = { incidentId, status: "investigating", createdById: "U0ALEX", createdAt: new Date() };
    const own = await db.workstream.create({
      data: {
        ...base,
        name: "eu1",
        wantChannel: true,
        channelId: "C0EU1",
        channelName: "inc-x-eu1",
        summaryTs: "3.4",
      },
    });
    const shared = await db.workstream.create({ data: { ...base, name: "us1" } });
    expect(await loadDeliveryScope(db, { workstreamId: own.id })).toEqual({
      kind: "workstream",
      id: own.id,
      channelId: "C0EU1",
      channelName: "inc-x-eu1",
      topic: null,
      summaryTs: "3.4",
      wantChannel: true,
      incident: ofIncident,
    });
    expect(await loadDeliveryScope(db, { workstreamId: shared.id })).toMatchObject({
      kind: "workstream",
      channelId: null,
      wantChannel: false,
      incident: ofIncident,
    });
    await expect(loadDeliveryScope(db, { incidentId: incidentId + 1000 })).rejects.toThrow(
      `incident ${incidentId + 1000} does not exist`,
    );
    await expect(loadDeliveryScope(db, { workstreamId: shared.id + 1000 })).rejects.toThrow(
      `workstream ${shared.id + 1000} does not exist`,
    );
  });

  it("reads a handoff's card as the model does, every column (one plain statement)", async () => {
    const { db } = deps().database;
    const { incidentId } = await declareTestIncident(deps(), { severity: 2, regions: ["us1"] });
    const at = (ms: number) => new Date(Date.parse("2023-03-08T06:00:00.000Z") + ms);
    const odd = "quotes \" ' back\\slash\nnew line — ✓ 😀 <!here>";
    const workstream = await db.workstream.create({
      data: { incidentId, name: odd, status: "investigating", createdById: "U0ALEX", createdAt: at(0) },
    });
    const full = await db.handoff.create({
      data: {
        incidentId,
        workstreamId: workstream.id,
        role: "lead",
        rotation: "sun",
        boundaryAt: at(30),
        dedupeKey: `${incidentId}:lead:full`,
        fromUserId: "U0ALEX",
        toUserId: "U0CASEY",
        state: "accepted",
        promptedAt: at(20),
        promptTs: "1678255200.000100",
        brief: { currentState: odd, n: 12345678901234, f: 0.5, deep: { a: [1, null, true] } },
        briefedAt: at(25),
        briefedById: "U0ALEX",
        acceptedAt: at(33),
        acceptedById: "U0CASEY",
        acceptBy: at(40),
        escalations: 2,
        nextEscalationAt: at(50),
        createdById: "U0ALEX",
      },
    });
    const bare = await db.handoff.create({
      data: {
        incidentId,
        role: "commander",
        dedupeKey: `${incidentId}:commander:bare`,
        toUserId: "U0BLAIR",
        state: "prompted",
        promptedAt: at(1),
      },
    });
    const { number } = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    const fullRow = await db.handoff.findUniqueOrThrow({ where: { id: full.id } });
    // Every column set, so a column read with the wrong type cannot hide as null.
    expect(Object.entries(fullRow).filter(([, value]) => value === null)).toEqual([]);
    expect(await handoffCardOf(db, provider, full.id)).toEqual({
      ...fullRow,
      incidentNumber: number,
      workstream: odd,
    });
    expect(await handoffCardOf(db, provider, bare.id)).toEqual({
      ...(await db.handoff.findUniqueOrThrow({ where: { id: bare.id } })),
      incidentNumber: number,
      workstream: null,
    });
    expect(await handoffCardOf(db, provider, bare.id + 1000)).toBeNull();
  });
  it("keeps what deliveries store about a channel's state messages, and reads its workstreams' channels and relatives", async () => {
    const { db } = deps().database;
    const { incidentId } = await declareTestIncident(deps(), { severity: 2, regions: ["us1"] });
    const odd = "topic with 'quotes' \"and\" — ✓ 😀";
    const incidentScope = await loadDeliveryScope(db, { incidentId });
    await storeChannel(db, incidentScope, { id: "C0STORED", name: "inc-stored" });
    await storeTopic(db, incidentScope, odd);
    await storeSummaryTs(db, incidentScope, "1.1");
    await storeBoardTs(db, incidentId, "2.2");
    await storeAnnounceTs(db, incidentId, "3.3");
    expect(
      await db.incident.findUniqueOrThrow({
        where: { id: incidentId },
        select: {
          channelId: true,
          channelName: true,
          topic: true,
          summaryTs: true,
          boardTs: true,
          announceTs: true,
        },
      }),
    ).toEqual({
      channelId: "C0STORED",
      channelName: "inc-stored",
      topic: odd,
      summaryTs: "1.1",
      boardTs: "2.2",
      announceTs: "3.3",
    });

    const base = { incidentId, status: "investigating", createdById: "U0ALEX", createdAt: new Date() };
    let channels = 0;
    const posted = () => ({ wantChannel: true, channelId: `C0WS${++channels}`, summaryTs: "9.9" });
    const region = await db.workstream.create({ data: { ...base, name: "eu1", ...posted() } });
    const child = await db.workstream.create({
      data: { ...base, name: "eu1-db", parentId: region.id, ...posted() },
    });
    const grandchild = await db.workstream.create({
      data: { ...base, name: "eu1-db-r", parentId: child.id, ...posted() },
    });
    // Under the region but not shown in its summary: no summary yet, no channel of its own.
    await db.workstream.create({
      data: { ...base, name: "eu1-web", parentId: region.id, wantChannel: true, channelId: "C0W" },
    });
    await db.workstream.create({ data: { ...base, name: "eu1-api", parentId: region.id, summaryTs: "8.8" } });
    const waiting = await db.workstream.create({ data: { ...base, name: "us1", wantChannel: true } });
    const other = await declareTestIncident(deps(), { severity: 3, regions: ["us1"] });
    await db.workstream.create({
      data: { ...base, incidentId: other.incidentId, name: "elsewhere", ...posted() },
    });

    expect(await summaryRelativesOf(db, child.id)).toEqual([region.id, grandchild.id]);
    expect(await summaryRelativesOf(db, region.id)).toEqual([child.id]);
    expect(await summaryRelativesOf(db, grandchild.id)).toEqual([child.id]);
    expect(await summaryRelativesOf(db, waiting.id)).toEqual([]);
    expect(await summaryRelativesOf(db, grandchild.id + 1000)).toEqual([]);
    const withChannels = await workstreamChannelsOf(db, incidentId);
    expect(withChannels).toEqual([
      { id: region.id, summaryTs: "9.9" },
      { id: child.id, summaryTs: "9.9" },
      { id: grandchild.id, summaryTs: "9.9" },
      { id: withChannels[3]?.id, summaryTs: null },
    ]);
    expect(withChannels[3]?.id).toBeGreaterThan(grandchild.id);

    const workstreamScope = await loadDeliveryScope(db, { workstreamId: waiting.id });
    await storeChannel(db, workstreamScope, { id: "C0US1", name: "inc-stored-us1" });
    await storeTopic(db, workstreamScope, "us1 topic");
    await storeSummaryTs(db, workstreamScope, "4.4");
    expect(await loadDeliveryScope(db, { workstreamId: waiting.id })).toMatchObject({
      channelId: "C0US1",
      channelName: "inc-stored-us1",
      topic: "us1 topic",
      summaryTs: "4.4",
    });
    const handoff = await db.handoff.create({
      data: {
        incidentId,
        role: "commander",
        dedupeKey: `${incidentId}:ts`,
        toUserId: "U0BLAIR",
        state: "prompted",
        promptedAt: new Date(),
      },
    });
    await storeHandoffCardTs(db, handoff.id, "5.5");
    expect((await db.handoff.findUniqueOrThrow({ where: { id: handoff.id } })).promptTs).toBe("5.5");
    await expect(storeBoardTs(db, incidentId + 1000, "6.6")).rejects.toThrow(
      `incident ${incidentId + 1000} does not exist`,
    );
    await expect(storeTopic(db, { ...workstreamScope, id: waiting.id + 1000 }, "x")).rejects.toThrow(
      "does not exist",
    );
  });

  it("knows a scope's channel archived only once its archive was delivered, in that scope's lane", async () => {
    const { db } = deps().database;
    const { incidentId } = await declareTestIncident(deps(), { severity: 2, regions: ["us1"] });
    const message = (lane: string, kind: string, status: string) =>
      db.outboxMessage.create({
        data: { lane, kind, payload: {}, status, nextAttemptAt: new Date(), createdAt: new Date() },
      });
    const lane = `incident:${incidentId}`;
    await message(lane, "channel.archive", "pending");
    await message(lane, "summary.refresh", "done");
    await message(`incident:${incidentId + 1000}`, "channel.archive", "done");
    await message(`workstream:${incidentId}`, "channel.archive", "done");
    expect(await channelArchived(db, { incidentId })).toBe(false);
    await message(lane, "channel.archive", "done");
    expect(await channelArchived(db, { incidentId })).toBe(true);
    expect(await channelArchived(db, { workstreamId: incidentId })).toBe(true);
    expect(await channelArchived(db, { workstreamId: incidentId + 1 })).toBe(false);
  });
});
