// The timeline's use cases on both stores: updates (reminder clock, mirroring, privacy,
// backdating), notes, pin capture and release with every kind of duplicate, and update
// reminders claimed once per due time across two replicas.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SimulatedClock } from "../../src/clock/clock.ts";
import { readTimeline } from "../../src/db/queries/timeline.ts";
import { REMINDER_JOB, updateRemindersJob } from "../../src/scheduler/update-reminders.ts";
import { assignRole } from "../../src/services/assign-role.ts";
import { changeStatus } from "../../src/services/change-status.ts";
import type { DeclareInput } from "../../src/services/declare-incident.ts";
import { addNote } from "../../src/services/timeline/add-note.ts";
import { capturePin, type PinReaction, releasePin } from "../../src/services/timeline/pins.ts";
import { postUpdate } from "../../src/services/timeline/post-update.ts";
import { snoozeReminders } from "../../src/services/timeline/snooze.ts";
import type { Gateway } from "../../src/slack/gateway.ts";
import { createTestDatabase, type TestDatabase, testedProviders } from "../support/databases.ts";
import { declareWithChannel as declareIncidentWithChannel } from "../support/integration-incident.ts";
import { createTestDeps, type TestDeps } from "../support/test-deps.ts";

const U1 = "U0000000001";
const U2 = "U0000000002";
const U3 = "U0000000003";
const ANNOUNCE = "C0ANNOUNCE1";
const MIN = 60_000;

type Deps = TestDeps & { close(): Promise<void> };

/** A Slack that answers the reads pin capture makes, and counts them. */
function readingGateway(messages: Record<string, Record<string, unknown>>) {
  const calls: string[] = [];
  const gateway = new Proxy({} as Gateway, {
    get: (_target, method) => {
      if (method === "call")
        return async (name: string, args: Record<string, unknown>) => {
          calls.push(name);
          const key = `${args.channel}:${args.ts ?? args.latest ?? args.message_ts}`;
          if (name === "conversations.history")
            return { ok: true, messages: messages[key]?.thread_ts ? [] : [messages[key]].filter(Boolean) };
          if (name === "conversations.replies")
            return { ok: true, messages: [messages[key]].filter(Boolean) };
          if (name === "chat.getPermalink")
            return { ok: true, permalink: `https://emulated.slack.com/archives/${args.channel}/p1` };
          throw new Error(`unexpected call ${name}`);
        };
      if (method === "userInfo")
        return async (id: string) => ({ id, name: `name-of-${id}`, tz: "UTC", isBot: false });
      return () => Promise.reject(new Error(`use case called Slack directly: ${String(method)}`));
    },
  });
  return { gateway, calls };
}

describe.each(testedProviders())("timeline on %s", (provider) => {
  let database: TestDatabase;
  let deps: Deps;
  let replica: Deps;
  const messages: Record<string, Record<string, unknown>> = {};
  const slack = readingGateway(messages);
  let seq = 0;

  const declareWithChannel = (overrides: Partial<DeclareInput> = {}) =>
    declareIncidentWithChannel(deps, { severity: 1, ...overrides });

  const advance = (ms: number) => {
    const to = new Date(deps.clock.now().getTime() + ms);
    deps.clock.set(to);
    replica.clock.set(to);
    return to;
  };

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    deps = await createTestDeps(database.url, { INCIDENT_ANNOUNCE_CHANNEL: ANNOUNCE }, slack.gateway);
    // A second replica: its own connection pool on PostgreSQL. SQLite is single-process by
    // design (README), so there the "replica" is a second job instance on the same client.
    replica =
      provider === "postgresql"
        ? await createTestDeps(database.url, { INCIDENT_ANNOUNCE_CHANNEL: ANNOUNCE }, slack.gateway)
        : { ...deps, clock: new SimulatedClock(deps.clock.now()), close: async () => {} };
    replica.instanceId = "replica-2";
  });
  afterAll(async () => {
    await replica.close();
    await deps.close();
    await database.drop();
  });

  describe("status updates", () => {
    it("records, posts, mirrors under the announcement, counts and moves the reminder clock", async () => {
      const { incidentId } = await declareWithChannel();
      const { db } = deps.database;
      const first = await postUpdate(deps, {
        incidentId,
        workstreamId: null,
        text: "EU checkout failing; rollback started",
        at: null,
        actorId: U2,
        requestKey: "u1",
      });
      expect(first).toEqual({
        kind: "update_posted",
        number: 1,
        asOf: null,
        workstream: null,
        mirroredTo: "C0ANNOUNCE1",
        isPrivate: false,
      });
      advance(10 * MIN);
      const second = await postUpdate(deps, {
        incidentId,
        workstreamId: null,
        text: "Rollback done",
        at: null,
        actorId: U2,
        requestKey: "u2",
      });
      expect(second.number).toBe(2);
      // The line posted in the channel is what people act on: its lane starts at once.
      expect(deps.urgentKicks.at(-1)).toEqual([`incident:${incidentId}`]);
      const incident = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
      expect(incident.lastUpdateAt?.toISOString()).toBe(deps.clock.now().toISOString());
      const outbox = await db.outboxMessage.findMany({
        where: { kind: { in: ["message.post", "announcement.reply"] } },
      });
      const mine = outbox.filter((m) => JSON.stringify(m.payload).includes("Rollback done"));
      expect(mine.map((m) => [m.kind, m.lane]).sort()).toEqual([
        ["announcement.reply", `channel:${ANNOUNCE}`],
        ["message.post", `incident:${incidentId}`],
      ]);
      // A repeated request (same key) changes nothing and gets the same answer.
      const again = await postUpdate(deps, {
        incidentId,
        workstreamId: null,
        text: "Rollback done",
        at: null,
        actorId: U2,
        requestKey: "u2",
      });
      expect(again).toEqual(second);
      expect(await db.timelineEntry.count({ where: { incidentId, kind: "update_posted" } })).toBe(2);
    });

    it("never mirrors a private incident's update", async () => {
      const { incidentId } = await declareWithChannel({ isPrivate: true });
      const result = await postUpdate(deps, {
        incidentId,
        workstreamId: null,
        text: "private matter",
        at: null,
        actorId: U1,
        requestKey: `private-${incidentId}`,
      });
      expect(result).toMatchObject({ mirroredTo: null, isPrivate: true });
      const entry = await deps.database.db.timelineEntry.findFirstOrThrow({
        where: { incidentId, kind: "update_posted" },
      });
      expect(entry.data).toMatchObject({ broadcast: false });
      const queued = await deps.database.db.outboxMessage.findMany({ where: { kind: "announcement.reply" } });
      expect(queued.filter((m) => JSON.stringify(m.payload).includes("private matter"))).toHaveLength(0);
    });

    it("puts backdated entries in occurredAt order and never moves the reminder clock back", async () => {
      const { incidentId } = await declareWithChannel();
      const declaredAt = deps.clock.now();
      advance(30 * MIN);
      await postUpdate(deps, {
        incidentId,
        workstreamId: null,
        text: "late but now",
        at: null,
        actorId: U1,
        requestKey: `b1-${incidentId}`,
      });
      await addNote(deps, {
        incidentId,
        workstreamId: null,
        text: "alert fired",
        tag: null,
        at: new Date(declaredAt.getTime() - 5 * MIN),
        actorId: U1,
        requestKey: `b2-${incidentId}`,
      });
      await postUpdate(deps, {
        incidentId,
        workstreamId: null,
        text: "first customer report",
        at: new Date(declaredAt.getTime() + 10 * MIN),
        actorId: U1,
        requestKey: `b3-${incidentId}`,
      });
      const entries = await readTimeline(deps.database.db, incidentId);
      expect(entries.map((e) => (e.kind === "incident_declared" ? "declared" : e.text))).toEqual([
        "alert fired",
        "declared",
        "first customer report",
        "late but now",
      ]);
      const incident = await deps.database.db.incident.findUniqueOrThrow({ where: { id: incidentId } });
      expect(incident.lastUpdateAt?.toISOString()).toBe(deps.clock.now().toISOString());
      await expect(
        postUpdate(deps, {
          incidentId,
          workstreamId: null,
          text: "x",
          at: new Date(deps.clock.now().getTime() + MIN),
          actorId: U1,
          requestKey: `b4-${incidentId}`,
        }),
      ).rejects.toThrow(/in the future/);
      await expect(
        addNote(deps, {
          incidentId,
          workstreamId: null,
          text: "x",
          tag: null,
          at: new Date(declaredAt.getTime() - 8 * 1440 * MIN),
          actorId: U1,
          requestKey: `b5-${incidentId}`,
        }),
      ).rejects.toThrow(/more than 7 days before/);
    });

    it("shows the newest update by when it was given in the incident view, as sorting every update would", async () => {
      const { incidentId } = await declareWithChannel();
      const { db } = deps.database;
      const view = () => deps.store.read.views.incident(incidentId);
      // What the view used to run on every summary refresh: every update of the incident, sorted.
      const sortedNewest = () =>
        db.timelineEntry.findFirst({
          where: { incidentId, kind: "update_posted" },
          orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
          select: { text: true, actorId: true, occurredAt: true },
        });
      const timelineReads = vi.spyOn(db.timelineEntry, "findFirst");
      expect((await view())?.latestUpdate).toBeNull();
      expect(timelineReads).not.toHaveBeenCalled();
      timelineReads.mockRestore();

      const post = (text: string, at: Date | null, actorId = U1) =>
        postUpdate(deps, { incidentId, workstreamId: null, text, at, actorId, requestKey: `latest-${text}` });
      const start = deps.clock.now();
      advance(20 * MIN);
      await post("rollback started", null);
      await post("earlier report, given late", new Date(start.getTime() + 5 * MIN), U2);
      await post("same instant, posted second", null, U3);
      const shown = async () => {
        const latest = (await view())?.latestUpdate;
        return { text: latest?.text, actorId: latest?.actorId, occurredAt: latest?.occurredAt };
      };
      expect(await shown()).toEqual({
        text: "same instant, posted second",
        actorId: U3,
        occurredAt: deps.clock.now(),
      });
      expect(await shown()).toEqual(await sortedNewest());
      advance(MIN);
      await post("recovered", null, U2);
      expect(await shown()).toEqual({ text: "recovered", actorId: U2, occurredAt: deps.clock.now() });
      expect(await shown()).toEqual(await sortedNewest());
    });

    it("keeps notes internal, tagged for the postmortem, and allows them after the incident is over", async () => {
      const { incidentId } = await declareWithChannel();
      const before = await deps.database.db.outboxMessage.count();
      const noted = await addNote(deps, {
        incidentId,
        workstreamId: null,
        text: "<b>canary</b> skipped",
        tag: "cause",
        at: null,
        actorId: U2,
        requestKey: `n-${incidentId}`,
      });
      expect(noted).toMatchObject({ kind: "note_added", tag: "cause", text: "<b>canary</b> skipped" });
      expect(await deps.database.db.outboxMessage.count()).toBe(before);
      const entry = await deps.database.db.timelineEntry.findFirstOrThrow({
        where: { incidentId, kind: "note_added" },
      });
      expect([entry.tag, entry.text, entry.actorId]).toEqual(["cause", "<b>canary</b> skipped", U2]);
    });
  });

  describe("pin to timeline", () => {
    let channelId: string;
    let incidentId: number;
    const ts = "1772949700.000100";
    const reaction = (over: Partial<PinReaction> = {}): PinReaction => ({
      eventId: `Ev${++seq}`,
      userId: U2,
      channelId,
      ts,
      itemUserId: U3,
      ...over,
    });

    beforeAll(async () => {
      ({ incidentId, channelId } = await declareWithChannel());
      messages[`${channelId}:${ts}`] = { ts, text: "<@U0000000003> says <!channel> EU is back", user: U3 };
    });

    it("captures the message at its own time, with author, text and permalink, and confirms quietly", async () => {
      const first = reaction();
      expect(await capturePin(deps, first)).toBe("captured");
      const entry = await deps.database.db.timelineEntry.findFirstOrThrow({
        where: { incidentId, kind: "message_pinned" },
      });
      expect(entry.occurredAt.toISOString()).toBe("2026-03-08T06:01:40.000Z");
      expect(entry.data).toMatchObject({
        authorId: U3,
        channelId,
        ts,
        text: `@name-of-${U3} says @channel EU is back`,
      });
      expect(entry.permalink).toMatch(/^https:\/\//);
      expect(entry.dedupeKey).toBe(`pin:${channelId}:${ts}`);
      const confirmation = await deps.database.db.outboxMessage.findFirstOrThrow({
        where: { kind: "reaction.add" },
      });
      expect(confirmation.payload).toMatchObject({ channelId, ts, name: "white_check_mark" });
      // Slack retrying the same event (same event_id): no second entry, no second Slack read.
      const reads = slack.calls.length;
      expect(await capturePin(deps, first)).toBe("duplicate_event");
      expect(slack.calls.length).toBe(reads);
    });

    it("keeps one entry when two people pin the same message, and removes it only with the last pin", async () => {
      expect(await capturePin(deps, reaction({ userId: U1 }))).toBe("pinned_again");
      expect(
        await deps.database.db.timelineEntry.count({ where: { dedupeKey: `pin:${channelId}:${ts}` } }),
      ).toBe(1);
      expect(await deps.database.db.timelinePin.count({ where: { channelId, messageTs: ts } })).toBe(2);
      expect(await releasePin(deps, reaction({ userId: U1 }))).toBe("released");
      expect(
        await deps.database.db.timelineEntry.count({ where: { dedupeKey: `pin:${channelId}:${ts}` } }),
      ).toBe(1);
      expect(await releasePin(deps, reaction({ userId: U3 }))).toBe("not_pinned");
      expect(await releasePin(deps, reaction({ userId: U2 }))).toBe("unpinned");
      // The pin stays as evidence, followed by who took it back.
      expect(
        await deps.database.db.timelineEntry.count({ where: { dedupeKey: `pin:${channelId}:${ts}` } }),
      ).toBe(1);
      expect(
        await deps.database.db.timelineEntry.count({ where: { kind: "message_unpinned", actorId: U2 } }),
      ).toBe(1);
      expect(await deps.database.db.outboxMessage.count({ where: { kind: "reaction.remove" } })).toBe(1);
    });

    it("makes one entry when two people pin at the same moment", async () => {
      const threadTs = "1772949710.000100";
      const replyTs = "1772949720.000300";
      messages[`${channelId}:${replyTs}`] = {
        ts: replyTs,
        thread_ts: threadTs,
        text: "from a bot",
        bot_id: "B0OTHER001",
      };
      const outcomes = await Promise.all([
        capturePin(deps, reaction({ ts: replyTs, userId: U1 })),
        capturePin(replica, reaction({ ts: replyTs, userId: U2 })),
      ]);
      expect(outcomes.sort()).toEqual(["captured", "pinned_again"]);
      const entries = await deps.database.db.timelineEntry.findMany({
        where: { dedupeKey: `pin:${channelId}:${replyTs}` },
      });
      expect(entries).toHaveLength(1);
      expect(entries[0]?.data).toMatchObject({ authorId: null, botId: "B0OTHER001", threadTs });
    });

    it("ignores reactions outside incident channels without calling Slack", async () => {
      const reads = slack.calls.length;
      expect(await capturePin(deps, reaction({ channelId: "C0GENERAL01" }))).toBe("ignored");
      expect(await releasePin(deps, reaction({ channelId: "C0GENERAL01" }))).toBe("ignored");
      expect(slack.calls.length).toBe(reads);
    });
  });

  describe("update reminders", () => {
    const claimsOf = (incidentId: number) =>
      deps.database.db.jobRun.count({
        where: { job: REMINDER_JOB, key: { startsWith: `${REMINDER_JOB}:${incidentId}:` } },
      });
    const remindersOf = (incidentId: number) =>
      deps.database.db.timelineEntry.findMany({
        where: { incidentId, kind: "reminder_sent" },
        orderBy: { id: "asc" },
      });

    it("fires exactly at the due time, once across two replicas and a restart, to the comms holder", async () => {
      // Only this incident is open from here on: earlier ones are resolved.
      await deps.database.db.incident.updateMany({ data: { status: "resolved" } });
      const { incidentId } = await declareWithChannel({ severity: 1 });
      const declaredAt = deps.clock.now();
      await assignRole(deps, {
        incidentId,
        role: "comms",
        userId: U3,
        workstreamId: null,
        contextWorkstreamId: null,
        actorId: U1,
        requestKey: `c-${incidentId}`,
      });
      const job = updateRemindersJob(deps);
      const other = updateRemindersJob(replica);
      const due = new Date(declaredAt.getTime() + 30 * MIN);
      expect(await job.nextDueAfter(declaredAt)).toEqual(due);
      expect(await job.run(new Date(due.getTime() - 1))).toBe(0);
      advance(30 * MIN);
      const sent = await Promise.all([job.run(due), other.run(due), job.run(due)]);
      expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
      // A restarted process looks again: already claimed.
      expect(await updateRemindersJob(deps).run(due)).toBe(0);
      const reminders = await remindersOf(incidentId);
      expect(reminders.map((r) => r.data)).toEqual([
        {
          kind: "reminder_sent",
          dueAt: due.toISOString(),
          toUserId: U3,
          severity: 1,
          sinceUpdateMs: 30 * MIN,
        },
      ]);
      expect(await claimsOf(incidentId)).toBe(1);
      const posted = await deps.database.db.outboxMessage.findMany({
        where: { lane: `incident:${incidentId}`, kind: "message.post" },
      });
      // Picked by what it is, not by position: rows come back in no set order without ORDER BY.
      const reminderPosts = posted.filter(
        (m) => (m.payload as { message?: { view?: string } }).message?.view === "update_reminder",
      );
      expect(reminderPosts.map((m) => m.payload)).toEqual([
        expect.objectContaining({
          message: expect.objectContaining({ view: "update_reminder", toUserId: U3 }),
        }),
      ]);
      // Still no update: the next one is one cadence later.
      expect(await job.nextDueAfter(due)).toEqual(new Date(due.getTime() + 30 * MIN));
    });

    it("is pushed back by an update and by a snooze, and stops when the incident is resolved", async () => {
      const incident = await deps.database.db.incident.findFirstOrThrow({
        where: { status: "investigating" },
        orderBy: { id: "desc" },
      });
      const job = updateRemindersJob(deps);
      const now = advance(5 * MIN);
      await postUpdate(deps, {
        incidentId: incident.id,
        workstreamId: null,
        text: "still working",
        at: null,
        actorId: U3,
        requestKey: `r-${incident.id}`,
      });
      expect(await job.nextDueAfter(now)).toEqual(new Date(now.getTime() + 30 * MIN));
      advance(30 * MIN);
      expect(await job.run(deps.clock.now())).toBe(1);
      const snoozedAt = advance(MIN);
      await snoozeReminders(deps, {
        incidentId: incident.id,
        minutes: 60,
        actorId: U2,
        source: null,
        requestKey: `z-${incident.id}`,
      });
      expect(await job.nextDueAfter(snoozedAt)).toEqual(new Date(snoozedAt.getTime() + 60 * MIN));
      advance(30 * MIN);
      expect(await job.run(deps.clock.now())).toBe(0);
      await changeStatus(deps, {
        incidentId: incident.id,
        workstreamId: null,
        to: "resolved",
        message: "",
        actorId: U1,
        requestKey: `res-${incident.id}`,
      });
      expect(await job.nextDueAfter(deps.clock.now())).toBeNull();
      advance(120 * MIN);
      expect(await job.run(deps.clock.now())).toBe(0);
      await expect(
        snoozeReminders(deps, {
          incidentId: incident.id,
          minutes: 15,
          actorId: U2,
          source: null,
          requestKey: `z2-${incident.id}`,
        }),
      ).rejects.toThrow(/resolved; no update reminders/);
    });
  });
});
