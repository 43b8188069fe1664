// Shortcuts end to end (issue 12 item 4), through signed `shortcut`, `message_action` and
// `view_submission` payloads: the global *Declare an incident*, *Declare from message*
// (prefilled from an alert's attachments, linked back from the timeline) and *Add to incident
// timeline* (in an incident channel at once and as one entry with 📌; elsewhere after asking
// which open incident, never listing a private incident to someone outside it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INPUTS, SHORTCUTS, VIEWS } from "../../src/slack/ids.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { type DeclaredIncident, declareIncident } from "../support/declared-incident.ts";
import { eventually } from "../support/eventually.ts";
import type { ViewRecord } from "../support/slack-emulator/types.ts";

type Block = { block_id?: string; element?: Record<string, unknown> };

describe("shortcuts", () => {
  let t: TestBot;
  let alex: string;
  let blair: string;
  let casey: string;
  let general: string;
  let alerts: string;
  let search: DeclaredIncident;
  let secret: DeclaredIncident;

  const db = () => t.bot.deps.database.db;
  const openModal = (user: string, callbackId: string) =>
    eventually(() => {
      const view = t.emulator.views.findLast(
        (v) => v.user === user && v.open && v.view.callback_id === callbackId,
      );
      expect(view).toBeDefined();
      return view as ViewRecord;
    });
  const element = (view: ViewRecord, block: string) =>
    (view.view.blocks as Block[]).find((b) => b.block_id === block)?.element ?? {};
  const answered = (responseUrl: string | undefined) =>
    eventually(() => {
      const bodies = t.emulator.responsesTo(responseUrl ?? "") as { text?: string }[];
      expect(bodies.length).toBeGreaterThan(0);
      return bodies.at(-1)?.text ?? "";
    });
  /** The "Add to incident timeline" message shortcut, used by `user` on a message. */
  const addToTimeline = (user: string, channel: string, ts: string) =>
    t.driver.messageShortcut({ user, callbackId: SHORTCUTS.addToTimeline, channel, ts });
  /** A 📌 on a message, waited for until the bot has handled it. */
  const pin = async (user: string, channel: string, ts: string) => {
    const { eventId } = await t.driver.reactionAdded({ user, channel, ts });
    await eventually(async () =>
      expect(await db().processedRequest.findUnique({ where: { key: `event:${eventId}` } })).not.toBeNull(),
    );
  };
  const alert = () =>
    t.emulator.postAsBot(alerts, "B0ALERTS", "", {
      attachments: [
        {
          fallback: "[FIRING:1] API 5xx rate above 5%",
          title: "[FIRING:1] API 5xx rate above 5%",
          text: "service=api region=eu1 for 10m\n<https://runbooks.example.com/api-5xx|Runbook>",
          fields: [{ title: "severity", value: "page", short: true }],
        },
      ],
    });

  beforeAll(async () => {
    t = await startTestBot();
    alex = t.emulator.addUser({ name: "alex" }).id;
    blair = t.emulator.addUser({ name: "blair" }).id;
    casey = t.emulator.addUser({ name: "casey" }).id;
    general = t.emulator.addChannel({ name: "general", members: [alex, blair, casey] }).id;
    alerts = t.emulator.addChannel({ name: "alerts", members: [alex, blair, casey] }).id;
    search = await declareIncident(t, "Search is down --sev 2", {
      by: alex,
      from: general,
      joiners: [blair],
    });
    secret = await declareIncident(t, "Credential leak --private --sev 1", { by: alex, from: general });
  });
  afterAll(() => t.stop());

  it("the global shortcut opens the declare form", async () => {
    await t.driver.globalShortcut({ user: casey, callbackId: SHORTCUTS.declare });
    const view = await openModal(casey, VIEWS.declare);
    expect(element(view, INPUTS.title.block).initial_value).toBeUndefined();
    expect(element(view, INPUTS.commander.block).initial_user).toBe(casey);
  });

  it("declares from an alert: title and summary from its attachment, the timeline links back to it", async () => {
    const message = alert();
    await t.driver.messageShortcut({
      user: blair,
      callbackId: SHORTCUTS.declareFromMessage,
      channel: alerts,
      ts: message.ts,
    });
    const view = await openModal(blair, VIEWS.declare);
    expect(element(view, INPUTS.title.block).initial_value).toBe("[FIRING:1] API 5xx rate above 5%");
    const summary = String(element(view, INPUTS.summary.block).initial_value);
    expect(summary).toContain("service=api region=eu1 for 10m");
    expect(summary).toContain("Runbook (https://runbooks.example.com/api-5xx)");
    expect(summary).toContain("severity: page");

    const before = await db().incident.count();
    const submitted = await t.driver.submitView({ view });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toBe("");
    await t.settle();
    expect(await db().incident.count()).toBe(before + 1);
    const incident = await db().incident.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(incident.title).toBe("[FIRING:1] API 5xx rate above 5%");
    expect(incident.summary).toContain("service=api region=eu1");
    const declared = await db().timelineEntry.findFirstOrThrow({
      where: { incidentId: incident.id, kind: "incident_declared" },
    });
    expect(declared).toMatchObject({ sourceChannelId: alerts, sourceTs: message.ts });
    expect(declared.permalink).toMatch(
      new RegExp(`^https://.+/archives/${alerts}/p${message.ts.replace(".", "")}$`),
    );

    // What responders see: the timeline links the declaration to the alert.
    const channel = incident.channelId as string;
    t.emulator.joinChannel(channel, blair);
    const timeline = await t.driver.command("timeline", { user: blair, channel });
    expect(JSON.stringify(timeline.json ?? "")).toContain(declared.permalink as string);
  });

  it("adds a message in an incident channel at its own time, as one entry with a 📌 of it", async () => {
    const message = t.emulator.postAsUser(search.channel.id, blair, "Rolled back the index writer");
    const first = await addToTimeline(blair, search.channel.id, message.ts);
    expect(await answered(first.responseUrl)).toMatch(/Added to the timeline of INC-\d+/);
    await t.settle();
    const entries = () =>
      db().timelineEntry.findMany({
        where: { incidentId: search.id, sourceTs: message.ts, kind: "message_pinned" },
      });
    const [entry] = await entries();
    expect(entry).toMatchObject({ actorId: blair, dedupeKey: `pin:${search.channel.id}:${message.ts}` });
    expect(entry?.text).toBe("Rolled back the index writer");
    expect(entry?.permalink).toMatch(/^https:\/\//);
    expect(entry?.data).toMatchObject({ authorId: blair, text: "Rolled back the index writer" });
    // The bot confirms on the message, as for a pin.
    await eventually(() =>
      expect(t.emulator.message(search.channel.id, message.ts)?.reactions.get("white_check_mark")).toEqual([
        t.emulator.botUserId,
      ]),
    );

    // Pinned with 📌 by someone else, and the shortcut used again: still one entry.
    await pin(alex, search.channel.id, message.ts);
    const again = await addToTimeline(alex, search.channel.id, message.ts);
    expect(await answered(again.responseUrl)).toMatch(/already in the timeline/);
    expect(await entries()).toHaveLength(1);
  });

  it("a message pinned first and then added with the shortcut is one entry", async () => {
    const message = t.emulator.postAsUser(search.channel.id, alex, "Customer reports in from eu1");
    await pin(alex, search.channel.id, message.ts);
    const added = await addToTimeline(blair, search.channel.id, message.ts);
    expect(await answered(added.responseUrl)).toMatch(/already in the timeline/);
    expect(await db().timelineEntry.count({ where: { sourceTs: message.ts } })).toBe(1);
  });

  it("from an alerts channel it asks which open incident, listing no private incident the person is not in", async () => {
    const message = alert();
    await addToTimeline(casey, alerts, message.ts);
    const view = await openModal(casey, VIEWS.addToTimeline);
    const options = (
      element(view, INPUTS.captureIncident.block).options as { text: { text: string }; value: string }[]
    ).map((o) => o.value);
    expect(options).toContain(String(search.id));
    expect(options).not.toContain(String(secret.id));
    expect(JSON.stringify(view.view)).not.toContain("Credential leak");

    const chosen = await t.driver.submitView({
      view,
      values: { [INPUTS.captureIncident.block]: { [INPUTS.captureIncident.action]: String(search.id) } },
    });
    expect(chosen.json).toMatchObject({ response_action: "update" });
    expect(JSON.stringify(t.emulator.view(view.id)?.view.blocks)).toMatch(/Added to the timeline of INC-\d+/);
    const entry = await db().timelineEntry.findFirstOrThrow({
      where: { sourceTs: message.ts, kind: "message_pinned" },
    });
    expect(entry).toMatchObject({
      incidentId: search.id,
      actorId: casey,
      sourceChannelId: alerts,
      dedupeKey: `capture:${search.id}:${alerts}:${message.ts}`,
    });
    expect(entry.text).toContain("[FIRING:1] API 5xx rate above 5%");
    expect(entry.text).toContain("service=api region=eu1");
    expect(entry.permalink).toMatch(new RegExp(`/archives/${alerts}/p`));

    // The member of the private incident sees it listed.
    await addToTimeline(alex, alerts, message.ts);
    const members = await openModal(alex, VIEWS.addToTimeline);
    expect(JSON.stringify(element(members, INPUTS.captureIncident.block))).toContain("Credential leak");

    // Added to the same incident again (another form): one entry.
    const twice = await t.driver.submitView({
      view: members,
      values: { [INPUTS.captureIncident.block]: { [INPUTS.captureIncident.action]: String(search.id) } },
    });
    expect(JSON.stringify(twice.json)).toMatch(/already in the timeline/);
    expect(await db().timelineEntry.count({ where: { sourceTs: message.ts } })).toBe(1);
    await t.settle();
    expect(t.emulator.violations).toEqual([]);
  });

  it("a form chosen for an incident that closed since it opened says so and records nothing", async () => {
    const cache = await declareIncident(t, "Cache evictions --sev 3", { by: alex, from: general });
    const message = alert();
    // Casey opens the form; meanwhile the commander resolves and closes the incident.
    await addToTimeline(casey, alerts, message.ts);
    const view = await openModal(casey, VIEWS.addToTimeline);
    const channel = cache.channel.id;
    await t.driver.command("status resolved evictions stopped", { user: alex, channel });
    await t.driver.command("close", { user: alex, channel });
    const close = await openModal(alex, VIEWS.close);
    await t.driver.submitView({
      view: close,
      values: {
        [INPUTS.rootCause.block]: { [INPUTS.rootCause.action]: "A bad TTL" },
        [INPUTS.customerImpact.block]: { [INPUTS.customerImpact.action]: "Slow pages" },
      },
    });
    expect((await db().incident.findUniqueOrThrow({ where: { id: cache.id } })).status).toBe("closed");

    const refused = await t.driver.submitView({
      view,
      values: { [INPUTS.captureIncident.block]: { [INPUTS.captureIncident.action]: String(cache.id) } },
    });
    expect(refused.json).toMatchObject({
      response_action: "errors",
      errors: { [INPUTS.captureIncident.block]: expect.stringMatching(/was closed after this form opened/) },
    });
    expect(await db().timelineEntry.count({ where: { sourceTs: message.ts } })).toBe(0);
  });

  it("a very long alert still opens the form and is recorded, cut to what the form can carry", async () => {
    const long = Array.from({ length: 120 }, (_, i) => `line ${i}: "quoted" \\ value=${"x".repeat(30)}`).join(
      "\n",
    );
    const message = t.emulator.postAsBot(alerts, "B0ALERTS", long);
    await addToTimeline(blair, alerts, message.ts);
    const view = await openModal(blair, VIEWS.addToTimeline);
    await t.driver.submitView({
      view,
      values: { [INPUTS.captureIncident.block]: { [INPUTS.captureIncident.action]: String(search.id) } },
    });
    const entry = await db().timelineEntry.findFirstOrThrow({ where: { sourceTs: message.ts } });
    expect(entry.text.startsWith('line 0: "quoted" \\ value=')).toBe(true);
    expect(entry.text.endsWith("…")).toBe(true);
    expect(entry.text.length).toBeGreaterThan(500);
    expect(t.emulator.violations).toEqual([]);
  });
});
