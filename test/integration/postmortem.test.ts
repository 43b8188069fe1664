// The postmortem on real databases (SQLite and PostgreSQL): closing (rules, idempotency, what
// is queued for Slack), action items, the loader, names remembered from Slack, a 20,000-entry
// timeline, and the CLI reading the same database.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runPostmortemCli } from "../../src/cli/postmortem.ts";
import type { Prisma } from "../../src/db/client.ts";
import type { Incident } from "../../src/db/models.ts";
import { loadPostmortemInput } from "../../src/db/queries/postmortem-input.ts";
import { userNamesRepository } from "../../src/db/repositories/user-names.ts";
import { DEFAULT_UPDATE_CADENCE } from "../../src/domain/incident/update-cadence.ts";
import { BUILTIN } from "../../src/domain/postmortem/render.ts";
import { deliverPostmortemUpload } from "../../src/outbox/deliveries/postmortem.ts";
import { changeSeverity } from "../../src/services/change-severity.ts";
import { changeStatus } from "../../src/services/change-status.ts";
import { declareIncident } from "../../src/services/declare-incident.ts";
import { addActionItem } from "../../src/services/postmortem/add-action-item.ts";
import { closeIncident } from "../../src/services/postmortem/close-incident.ts";
import { cachedNames, slackNames } from "../../src/services/postmortem/names.ts";
import { renderDraft } from "../../src/services/postmortem/render-draft.ts";
import { requestPostmortem } from "../../src/services/postmortem/request-postmortem.ts";
import { recordMilestone } from "../../src/services/record-milestone.ts";
import { setServiceStatus } from "../../src/services/set-service-status.ts";
import { addWorkstream } from "../../src/services/workstreams.ts";
import type { Gateway, SlackUser } from "../../src/slack/gateway.ts";
import { testedProviders } from "../support/databases.ts";
import { declareTestIncident } from "../support/integration-incident.ts";
import { createTestDeps, type TestDeps } from "../support/test-deps.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

/** What the bot renders with when REMINDER_CADENCE and POSTMORTEM_LOCALE are unset. */
const ENGLISH_DEFAULTS = { updateCadence: DEFAULT_UPDATE_CADENCE, locale: "en" as const };

const ALEX = "U0ALEX0001";
const BLAIR = "U0BLAIR001";
const CASEY = "U0CASEY001";
let keys = 0;
const key = () => `test:${++keys}`;

type Deps = TestDeps & { close(): Promise<void> };

const advance = (deps: TestDeps, ms: number) => deps.clock.set(new Date(deps.clock.now().getTime() + ms));

async function resolvedIncident(deps: Deps, overrides: { isPrivate?: boolean; title?: string } = {}) {
  const declared = await declareIncident(deps, {
    title: overrides.title ?? "Intake down",
    summary: "",
    severity: 2,
    regions: ["us1"],
    services: ["logs"],
    commanderId: ALEX,
    isPrivate: overrides.isPrivate ?? false,
    invitees: [],
    actorId: ALEX,
    requestKey: key(),
  });
  const incidentId = declared.incidentId;
  advance(deps, 10 * 60_000);
  await recordMilestone(deps, {
    incidentId,
    workstreamId: null,
    name: "impact-started",
    at: new Date(deps.clock.now().getTime() - 40 * 60_000),
    note: "first 5xx",
    actorId: ALEX,
    requestKey: key(),
  });
  await addWorkstream(deps, {
    incidentId,
    name: "us1",
    leadId: BLAIR,
    withChannel: false,
    actorId: ALEX,
    requestKey: key(),
  });
  await changeSeverity(deps, {
    incidentId,
    workstreamId: null,
    to: 1,
    reason: "all of us1",
    actorId: ALEX,
    requestKey: key(),
  });
  await setServiceStatus(deps, {
    incidentId,
    workstreamId: null,
    service: "logs",
    region: "us1",
    phase: "live",
    state: "outage",
    note: "",
    actorId: BLAIR,
    requestKey: key(),
  });
  advance(deps, 60 * 60_000);
  await setServiceStatus(deps, {
    incidentId,
    workstreamId: null,
    service: "logs",
    region: "us1",
    phase: "live",
    state: "recovered",
    note: "",
    actorId: BLAIR,
    requestKey: key(),
  });
  await changeStatus(deps, {
    incidentId,
    workstreamId: null,
    to: "resolved",
    message: "",
    actorId: ALEX,
    requestKey: key(),
  });
  return incidentId;
}

describe.each(testedProviders())("postmortem on %s", (provider) => {
  const deps = useTestDeps(provider, { env: { INCIDENT_ANNOUNCE_CHANNEL: "C0ANNOUNCE1" } });

  it("closes only resolved incidents, only for the commander or an admin, once per request", async () => {
    const incidentId = await resolvedIncident(deps());
    const { db } = deps().database;
    await expect(
      closeIncident(deps(), {
        incidentId,
        rootCause: "",
        customerImpact: "",
        lessons: "",
        actorId: BLAIR,
        requestKey: key(),
      }),
    ).rejects.toThrow(/Only the incident commander/);

    advance(deps(), 5 * 60_000);
    const request = {
      incidentId,
      rootCause: "  A bad config push  ",
      customerImpact: "Logs delayed",
      lessons: "",
      actorId: ALEX,
      requestKey: key(),
    };
    const first = await closeIncident(deps(), request);
    const again = await closeIncident(deps(), request);
    expect(again).toEqual(first);
    const incident = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(incident).toMatchObject({
      status: "closed",
      rootCause: "A bad config push",
      customerImpact: "Logs delayed",
      lessons: null,
    });
    expect(incident.closedAt?.toISOString()).toBe(deps().clock.now().toISOString());
    expect(await db.milestone.count({ where: { incidentId, name: "closed" } })).toBe(1);
    expect(await db.timelineEntry.count({ where: { incidentId, kind: "incident_closed" } })).toBe(1);

    const uploads = await db.outboxMessage.findMany({
      where: { kind: "postmortem.upload" },
      orderBy: { id: "asc" },
    });
    expect(uploads).toHaveLength(1);
    expect(uploads[0]?.lane).toBe(`incident:${incidentId}`);
    expect(uploads[0]?.payload).toEqual({
      kind: "postmortem.upload",
      incidentId,
      generatedAt: incident.closedAt?.toISOString(),
      reason: "close",
    });
    // Neither a canvas nor archiving unless configured.
    expect(
      await db.outboxMessage.count({ where: { kind: { in: ["postmortem.canvas", "channel.archive"] } } }),
    ).toBe(0);

    await expect(closeIncident(deps(), { ...request, requestKey: key() })).rejects.toThrow(
      /already closed\. `\/incident postmortem` renders its draft again/,
    );
  });

  it("refuses to close an incident that is not resolved", async () => {
    const declared = await declareTestIncident(deps(), {
      title: "Still burning",
      severity: 3,
      commanderId: ALEX,
    });
    await expect(
      closeIncident(deps(), {
        incidentId: declared.incidentId,
        rootCause: "",
        customerImpact: "",
        lessons: "",
        actorId: ALEX,
        requestKey: key(),
      }),
    ).rejects.toThrow(/is \*investigating\*, not resolved/);
  });

  it("queues the canvas and the archive after the upload when configured, and nothing public for a private incident", async () => {
    const configured = await createTestDeps(deps().config.databaseUrl, {
      INCIDENT_ANNOUNCE_CHANNEL: "C0ANNOUNCE1",
      POSTMORTEM_CANVAS: "true",
      ARCHIVE_ON_CLOSE: "true",
    });
    try {
      configured.clock.set(deps().clock.now());
      const incidentId = await resolvedIncident(configured, { isPrivate: true, title: "Secret" });
      const { db } = configured.database;
      const before = await db.outboxMessage.aggregate({ _max: { id: true } });
      await closeIncident(configured, {
        incidentId,
        rootCause: "",
        customerImpact: "",
        lessons: "",
        actorId: ALEX,
        requestKey: key(),
      });
      const queued = await db.outboxMessage.findMany({
        where: { id: { gt: before._max.id ?? 0 } },
        orderBy: { id: "asc" },
      });
      expect(queued.filter((m) => m.lane !== `incident:${incidentId}`)).toEqual([]);
      expect(
        queued
          .map((m) => m.kind)
          .filter((k) => ["postmortem.upload", "postmortem.canvas", "channel.archive"].includes(k)),
      ).toEqual(["postmortem.upload", "postmortem.canvas", "channel.archive"]);
    } finally {
      await configured.close();
    }
  });

  it("records action items, also after the close, and re-renders on request as of now", async () => {
    const incident = await deps().database.db.incident.findFirstOrThrow({ where: { title: "Intake down" } });
    const reply = await addActionItem(deps(), {
      incidentId: incident.id,
      workstreamId: null,
      text: "Canary <!channel> configs",
      ownerId: CASEY,
      actorId: BLAIR,
      requestKey: key(),
    });
    expect(reply).toEqual({
      kind: "action_item_added",
      incidentNumber: incident.number,
      count: 1,
      ownerId: CASEY,
      text: "Canary <!channel> configs",
    });
    const item = await deps().database.db.actionItem.findFirstOrThrow({ where: { incidentId: incident.id } });
    expect(item).toMatchObject({
      text: "Canary <!channel> configs",
      ownerId: CASEY,
      createdById: BLAIR,
      status: "open",
    });
    const entry = await deps().database.db.timelineEntry.findFirstOrThrow({
      where: { incidentId: incident.id, kind: "action_added" },
    });
    expect(entry.data).toEqual({
      kind: "action_added",
      actionId: item.id,
      text: "Canary <!channel> configs",
      ownerId: CASEY,
    });

    advance(deps(), 60_000);
    const requested = await requestPostmortem(deps(), { incidentId: incident.id, requestKey: key() });
    expect(requested.generatedAt).toBe(deps().clock.now().toISOString());
    const last = await deps().database.db.outboxMessage.findFirstOrThrow({
      where: { kind: "postmortem.upload" },
      orderBy: { id: "desc" },
    });
    expect(last.payload).toMatchObject({ generatedAt: requested.generatedAt, reason: "request" });
  });

  it("loads everything the draft needs, in order, with contract events written by other features", async () => {
    const { db } = deps().database;
    const incident = await db.incident.findFirstOrThrow({ where: { title: "Intake down" } });
    const createdAt = incident.createdAt.getTime();
    const at = (minutes: number) => new Date(createdAt + minutes * 60_000);
    const handoff = await db.handoff.create({
      data: {
        incidentId: incident.id,
        role: "commander",
        rotation: "sun",
        boundaryAt: at(30),
        dedupeKey: `${incident.id}:incident:${at(30).toISOString()}`,
        fromUserId: ALEX,
        toUserId: CASEY,
        state: "accepted",
        promptedAt: at(20),
        brief: {
          currentState: "stable",
          triedOrRuledOut: "",
          openActions: "",
          risks: "none",
          nextCheckpoint: "1h",
        },
        briefedAt: at(25),
        acceptedAt: at(33),
        acceptedById: CASEY,
      },
    });
    const contract: {
      kind: string;
      minutes: number;
      recordedMinutes?: number;
      data: Prisma.InputJsonValue;
      tag?: string;
    }[] = [
      { kind: "update_posted", minutes: 12, data: { text: "Investigating", broadcast: true } },
      {
        kind: "note_added",
        minutes: 5,
        recordedMinutes: 50,
        data: { text: "config push at 05:58", tag: "cause" },
        tag: "cause",
      },
      {
        kind: "handoff_accepted",
        minutes: 33,
        data: {
          handoffId: handoff.id,
          role: "commander",
          workstreamId: null,
          workstream: null,
          fromUserId: ALEX,
          toUserId: CASEY,
          acceptedById: CASEY,
          boundaryAt: at(30).toISOString(),
          latencyMs: 180_000,
        },
      },
    ];
    for (const c of contract) {
      await db.timelineEntry.create({
        data: {
          incidentId: incident.id,
          kind: c.kind,
          occurredAt: at(c.minutes),
          recordedAt: at(c.recordedMinutes ?? c.minutes),
          actorId: ALEX,
          data: { kind: c.kind, ...(c.data as object) },
          tag: c.tag ?? null,
        },
      });
    }
    await db.userName.create({ data: { userId: ALEX, name: "Alex Moreau", updatedAt: at(0) } });

    const input = await loadPostmortemInput(db, incident, {
      generatedAt: at(120),
      displayTimeZone: "Europe/Dublin",
      names: cachedNames(userNamesRepository(db, provider)),
    });
    const times = input.entries.map((e) => e.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(input.entries[0]?.kind).toBe("milestone_recorded");
    expect(input.entries.find((e) => e.kind === "note_added")?.tag).toBe("cause");
    expect(input.milestones.map((m) => m.name)).toEqual(["impact-started", "declared", "resolved", "closed"]);
    expect(input.roles.map((r) => [r.role, r.userId])).toEqual([
      ["commander", ALEX],
      ["lead", BLAIR],
    ]);
    expect(input.workstreams.map((w) => w.name)).toEqual(["us1"]);
    expect(input.services.map((s) => [s.service, s.region, s.state])).toEqual([["logs", "us1", "recovered"]]);
    expect(input.actionItems.map((a) => a.text)).toEqual(["Canary <!channel> configs"]);
    expect(input.handoffs.map((h) => h.id)).toEqual([handoff.id]);
    expect([...input.userNames]).toEqual([[ALEX, "Alex Moreau"]]);
    expect(input.incident).toMatchObject({
      regions: ["us1"],
      services: ["logs"],
      status: "closed",
      rootCause: "A bad config push",
    });

    const draft = await renderDraft({ postmortemInput: (i, o) => loadPostmortemInput(db, i, o) }, incident, {
      generatedAt: at(120),
      displayTimeZone: "Europe/Dublin",
      names: cachedNames(userNamesRepository(db, provider)),
      template: BUILTIN,
      ...ENGLISH_DEFAULTS,
    });
    expect(draft.markdown).toContain("Time (Europe/Dublin)");
    expect(draft.markdown).toContain("Canary \\<!channel\\> configs");
    expect(draft.markdown).toContain(`| incident commander | Alex Moreau | someone without a known name |`);
    expect(draft.markdown).toMatch(/config push at 05:58 _\(tagged cause\)_ _\(recorded /);
    expect(draft.document.response.handoffs[0]?.latencyMs).toBe(180_000);
    expect(draft.filename).toBe(
      `INC-${incident.number}-postmortem-${at(120).toISOString().slice(0, 19).replace(/:/g, "")}Z.md`,
    );
  });

  it("asks Slack for names it does not know, remembers them, and falls back when Slack cannot answer", async () => {
    const calls: string[] = [];
    let slackUp = true;
    const gateway = {
      async userInfo(id: string): Promise<SlackUser> {
        calls.push(id);
        if (!slackUp) throw new Error("slack is down");
        return { id, name: `Name of ${id}`, tz: "UTC", isBot: false };
      },
    } as unknown as Gateway;
    const withSlack = await createTestDeps(deps().config.databaseUrl, {}, gateway);
    try {
      withSlack.clock.set(new Date("2030-01-01T00:00:00Z"));
      const { db } = withSlack.database;
      await db.userName.upsert({
        where: { userId: BLAIR },
        create: { userId: BLAIR, name: "Blair (fresh)", updatedAt: new Date("2029-12-31T23:00:00Z") },
        update: { name: "Blair (fresh)", updatedAt: new Date("2029-12-31T23:00:00Z") },
      });
      const names = await slackNames(withSlack)([ALEX, BLAIR, CASEY]);
      expect(calls.sort()).toEqual([ALEX, CASEY]);
      expect(names.get(BLAIR)).toBe("Blair (fresh)");
      expect(names.get(CASEY)).toBe(`Name of ${CASEY}`);
      expect((await db.userName.findUniqueOrThrow({ where: { userId: CASEY } })).name).toBe(
        `Name of ${CASEY}`,
      );
      // The CLI sees what the bot learnt.
      expect(await cachedNames(userNamesRepository(db, provider))([ALEX, BLAIR, CASEY])).toEqual(names);

      // A day later, Slack down: the names learnt before are still used; unknown people by ID.
      slackUp = false;
      calls.length = 0;
      const offline = await createTestDeps(deps().config.databaseUrl, {}, gateway);
      offline.clock.set(new Date("2030-01-03T00:00:00Z"));
      const later = await slackNames(offline)([ALEX, "U0NOBODY01"]);
      expect(calls.sort()).toEqual([ALEX, "U0NOBODY01"]);
      expect(later.get(ALEX)).toBe(`Name of ${ALEX}`);
      expect(later.has("U0NOBODY01")).toBe(false);
      expect(await db.userName.findUnique({ where: { userId: "U0NOBODY01" } })).toBeNull();
      await offline.close();
    } finally {
      await withSlack.close();
    }
  });

  it("uploads a draft once even when a previous attempt may have reached Slack", async () => {
    const uploads: { channel: string; filename: string; content: string; comment: string }[] = [];
    let history: { files?: { name: string }[] }[] = [];
    const gateway = {
      userInfo: async (id: string) => ({ id, name: id, tz: "UTC", isBot: false }),
      call: async () => ({ ok: true, messages: history }),
      uploadFile: async (args: (typeof uploads)[number]) => {
        uploads.push(args);
      },
    } as unknown as Gateway;
    const slack = await createTestDeps(deps().config.databaseUrl, {}, gateway);
    try {
      const { db } = slack.database;
      const incident = await db.incident.findFirstOrThrow({ where: { title: "Intake down" } });
      await db.incident.update({ where: { id: incident.id }, data: { channelId: "C0INTAKE01" } });
      const message = await db.outboxMessage.findFirstOrThrow({ where: { kind: "postmortem.upload" } });
      const intent = {
        kind: "postmortem.upload" as const,
        incidentId: incident.id,
        generatedAt: (incident.closedAt as Date).toISOString(),
        reason: "close" as const,
      };
      const first = await deliverPostmortemUpload(intent, { message, previouslyAttempted: false }, slack);
      expect(uploads).toHaveLength(1);
      expect(uploads[0]).toMatchObject({
        channel: "C0INTAKE01",
        filename: (first as { filename: string }).filename,
      });
      expect(uploads[0]?.comment).toContain(`*Postmortem draft of INC-${incident.number}* (incident closed)`);
      // The process stopped after Slack took the file: the retry finds it and does not upload again.
      history = [{ files: [{ name: uploads[0]!.filename }] }];
      const retried = await deliverPostmortemUpload(intent, { message, previouslyAttempted: true }, slack);
      expect(retried).toMatchObject({ alreadyUploaded: true });
      expect(uploads).toHaveLength(1);
      // Not in the channel after all: uploaded.
      history = [];
      await deliverPostmortemUpload(intent, { message, previouslyAttempted: true }, slack);
      expect(uploads).toHaveLength(2);
      expect(uploads[1]?.content).toBe(uploads[0]?.content);
    } finally {
      await slack.close();
    }
  });

  it("loads and renders a 20,000-entry timeline in order", async () => {
    const declared = await declareTestIncident(deps(), { title: "Huge", severity: 1, commanderId: ALEX });
    const { db } = deps().database;
    const start = deps().clock.now().getTime();
    const rows = Array.from({ length: 20_000 }, (_, i) => ({
      incidentId: declared.incidentId,
      kind: "note_added",
      // Written in a scrambled order: the loader must return them by occurredAt.
      occurredAt: new Date(start + ((i * 7919) % 20_000) * 10_000),
      recordedAt: new Date(start + 200_000_000),
      actorId: `U${String(i % 750).padStart(9, "0")}`,
      data: { kind: "note_added", text: `note ${i}`, tag: null },
    }));
    for (let i = 0; i < rows.length; i += 5000)
      await db.timelineEntry.createMany({ data: rows.slice(i, i + 5000) });
    const incident = (await db.incident.findUnique({ where: { id: declared.incidentId } })) as Incident;
    const draft = await renderDraft({ postmortemInput: (i, o) => loadPostmortemInput(db, i, o) }, incident, {
      generatedAt: new Date(start + 210_000_000),
      displayTimeZone: null,
      names: cachedNames(userNamesRepository(db, provider)),
      template: BUILTIN,
      ...ENGLISH_DEFAULTS,
    });
    const timeline = draft.document.appendix.timeline;
    expect(timeline).toHaveLength(20_001);
    for (let i = 1; i < timeline.length; i++) expect(timeline[i - 1]!.at <= timeline[i]!.at).toBe(true);
    expect(draft.document.response.responders.count).toBe(750 + 1);
  });

  it("renders from the CLI exactly what the bot renders, and explains its mistakes", async () => {
    const { db } = deps().database;
    const incident = await db.incident.findFirstOrThrow({ where: { title: "Intake down" } });
    const out: string[] = [];
    const err: string[] = [];
    const io = (env: Record<string, string> = {}) => ({
      env: { DATABASE_URL: deps().config.databaseUrl, ...env },
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => err.push(t),
      now: () => new Date("2031-01-01T00:00:00Z"),
    });
    const expected = await renderDraft(
      { postmortemInput: (i, o) => loadPostmortemInput(db, i, o) },
      incident,
      {
        generatedAt: incident.closedAt as Date,
        displayTimeZone: "Europe/Dublin",
        names: cachedNames(userNamesRepository(db, provider)),
        template: BUILTIN,
        ...ENGLISH_DEFAULTS,
      },
    );
    expect(
      await runPostmortemCli([String(incident.number)], io({ DISPLAY_TIME_ZONE: "Europe/Dublin" })),
    ).toBe(0);
    expect(out.join("")).toBe(expected.markdown);
    expect(err.join("")).toContain("the CLI never calls Slack");

    const dir = mkdtempSync(join(tmpdir(), "postmortem-cli-"));
    out.length = 0;
    expect(await runPostmortemCli([`INC-${incident.number}`, "--out", join(dir, "pm.json")], io())).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, "pm.json"), "utf8"));
    expect(json.incident.number).toBe(incident.number);
    expect(json.displayTimeZone).toBeNull();
    expect(out).toEqual([]);

    err.length = 0;
    expect(await runPostmortemCli(["99999"], io())).toBe(1);
    expect(err.join("")).toMatch(/there is no INC-99999 \(the latest is INC-\d+\)/);
    for (const args of [
      [],
      ["abc"],
      ["1", "--format", "pdf"],
      ["1", "--generated-at", "yesterday"],
      ["1", "--bogus"],
      ["1", "--time-zone", "Mars/Base"],
    ]) {
      err.length = 0;
      expect(await runPostmortemCli(args, io())).toBe(2);
      expect(err.join("")).toContain("usage: npm run postmortem --");
    }
    err.length = 0;
    expect(await runPostmortemCli(["1"], io({ POSTMORTEM_TEMPLATE: join(dir, "missing.md") }))).toBe(2);
    expect(err.join("")).toContain("file not found");
    err.length = 0;
    expect(
      await runPostmortemCli(["1"], { ...io(), env: { DATABASE_URL: `file:${join(dir, "nope.db")}` } }),
    ).toBe(3);
    expect(err.join("")).toContain("there is no database at");
  });
});
