// Declaring incidents end to end: text and modal paths, the channel and what is in it, the
// announcement, name collisions, duplicate submissions and private incidents.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INPUTS } from "../../src/slack/ids.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { eventually } from "../support/eventually.ts";
import { viewOpenedBy } from "../support/opened-view.ts";
import { nothing, story } from "../support/story.ts";

describe("declaring an incident", () => {
  let t: TestBot;
  let alex: string;
  let blair: string;
  let general: string;
  let announce: string;
  let leadership: string;

  beforeAll(async () => {
    t = await startTestBot({
      seed: (emulator) => {
        announce = emulator.addChannel({ name: "incidents", botIsMember: false }).id;
        leadership = emulator.addUserGroup({ handle: "leadership", users: [] }).id;
        return { INCIDENT_ANNOUNCE_CHANNEL: announce, INCIDENT_LEADERSHIP_GROUP: leadership };
      },
    });
    alex = t.emulator.addUser({ name: "alex", tz: "Europe/Dublin" }).id;
    blair = t.emulator.addUser({ name: "blair" }).id;
    general = t.emulator.addChannel({ name: "general", members: [alex, blair] }).id;
  });
  afterAll(() => t.stop());

  const declare = async (text: string, user = alex) => {
    await t.driver.command(`declare ${text}`, { user, channel: general });
    await t.settle();
  };
  // What each test leaves that a later one relies on (test/support/story.ts): INC-1 (SEV1) and
  // INC-2 (SEV3) for the list, numbers 3–5 taken before the private INC-6, which App Home shows.
  const steps = story({
    "declares from text": () => declare("Checkout failing in EU --sev 2 --region eu1"),
    "updates in place": async () => {
      const channel = t.emulator.channelByName("inc-1-checkout-failing-in-eu")!;
      await t.driver.command("sev 1 all regions now", { user: alex, channel: channel.id });
      await t.driver.command("status identified bad deploy", { user: alex, channel: channel.id });
      await t.settle();
    },
    "declares from the modal": () => declare("Search latency --sev 3", blair),
    "modal field errors": nothing,
    "name taken": async () => {
      t.emulator.addChannel({ name: "inc-3-disk-full" });
      await declare("Disk full");
    },
    "emoji title": async () => {
      await declare("🔥🔥 !!! ???");
      await declare("<!channel> deploy broke <!here>");
    },
    "private incident": () => declare("Security review --private --sev 1"),
    "private App Home": nothing,
    "long title": nothing,
    "lists worst first": nothing,
  });

  it("declares from text: channel, topic, people, pinned summary, announcement and a link back", async () => {
    await steps.begin("declares from text");
    const response = await t.driver.command("declare Checkout failing in EU --sev 2 --region eu1", {
      user: alex,
      channel: general,
    });
    expect((response.json as { text: string }).text).toMatch(/Declared \*INC-1\* \(SEV2\)/);
    await t.settle();

    const channel = t.emulator.channelByName("inc-1-checkout-failing-in-eu");
    expect(channel).toBeDefined();
    expect(channel?.isPrivate).toBe(false);
    expect([...(channel?.members ?? [])]).toEqual(expect.arrayContaining([alex]));
    expect(channel?.topic.value).toBe("SEV2 · investigating · IC alex · Checkout failing in EU");

    const pinned = t.emulator.messages(channel!.id).filter((m) => m.pinned);
    expect(pinned).toHaveLength(1);
    expect(JSON.stringify(pinned[0]?.blocks)).toContain("INC-1: Checkout failing in EU");

    const announcement = t.emulator.messages(announce);
    expect(announcement).toHaveLength(1);
    expect(JSON.stringify(announcement[0]?.blocks)).toContain(`<#${channel!.id}>`);

    const link = t.emulator.responsesTo(response.responseUrl!);
    expect(JSON.stringify(link)).toContain(`<#${channel!.id}>`);
    expect(t.emulator.violations).toEqual([]);
  });

  it("updates the pinned summary, topic and announcement in place instead of posting new ones", async () => {
    await steps.begin("updates in place");
    const channel = t.emulator.channelByName("inc-1-checkout-failing-in-eu")!;
    const before = t.emulator.messages(channel.id).length;
    await t.driver.command("sev 1 all regions now", { user: alex, channel: channel.id });
    await t.driver.command("status identified bad deploy of payments-api", {
      user: alex,
      channel: channel.id,
    });
    await t.settle();

    const pinned = t.emulator.messages(channel.id).filter((m) => m.pinned);
    expect(pinned).toHaveLength(1);
    expect(pinned[0]?.edited).toBeDefined();
    expect(JSON.stringify(pinned[0]?.blocks)).toContain("SEV1");
    expect(t.emulator.channel(channel.id)?.topic.value).toMatch(/^SEV1 · identified/);
    expect(t.emulator.callsTo("chat.update").length).toBeGreaterThanOrEqual(2);
    // Two state changes: two short lines in the channel, no second summary.
    expect(t.emulator.messages(channel.id).length).toBe(before + 2);
    const announcement = t.emulator.messages(announce);
    // The escalation to SEV1 is announced (once), the announcement itself updated in place.
    const escalations = announcement.filter((m) => m.text.includes("escalated to *SEV1"));
    expect(escalations).toHaveLength(1);
    expect(escalations[0]?.text).toContain(`<!subteam^${leadership}>`);
    expect(JSON.stringify(announcement[0]?.blocks)).toContain("SEV1");
  });

  it("declares from the modal, once per submission even when submitted twice", async () => {
    await steps.begin("declares from the modal");
    const view = await viewOpenedBy(t.emulator, async () => {
      const opened = await t.driver.command("declare", { user: blair, channel: general });
      expect(opened.status).toBe(200);
    });
    const values = {
      [INPUTS.title.block]: { [INPUTS.title.action]: "Search latency" },
      [INPUTS.severity.block]: { [INPUTS.severity.action]: "3" },
      [INPUTS.summary.block]: { [INPUTS.summary.action]: "p99 at 4 s" },
      [INPUTS.services.block]: { [INPUTS.services.action]: "search, api" },
      [INPUTS.commander.block]: { [INPUTS.commander.action]: alex },
    };
    const first = await t.driver.submitView({ user: blair, view, values });
    expect(first.status).toBe(200);
    // A retried submission of the same view (Slack retries when the ack is slow).
    const { json } = await t.driver
      .submitView({ user: blair, view, values })
      .catch(() => ({ json: undefined }));
    expect(json === undefined || typeof json === "object").toBe(true);
    await t.settle();
    const incidents = await t.bot.deps.database.db.incident.findMany({ where: { title: "Search latency" } });
    expect(incidents).toHaveLength(1);
    const commander = await t.bot.deps.database.db.roleAssignment.findFirst({
      where: { incidentId: incidents[0]!.id, role: "commander", endedAt: null },
    });
    expect(commander?.userId).toBe(alex);
    expect(t.emulator.channelByName("inc-2-search-latency")).toBeDefined();
  });

  it("shows modal field errors and loses nothing", async () => {
    await steps.begin("modal field errors");
    const view = await viewOpenedBy(t.emulator, () =>
      t.driver.command("declare", { user: blair, channel: general }),
    );
    const response = await t.driver.submitView({
      user: blair,
      view,
      values: {
        [INPUTS.title.block]: { [INPUTS.title.action]: "Bad regions" },
        [INPUTS.regions.block]: { [INPUTS.regions.action]: "us1, <!channel>" },
      },
    });
    expect(response.json).toMatchObject({
      response_action: "errors",
      errors: { [INPUTS.regions.block]: expect.any(String) },
    });
    expect(await t.bot.deps.database.db.incident.count({ where: { title: "Bad regions" } })).toBe(0);
  });

  it("retries with a suffix when the channel name is taken", async () => {
    await steps.begin("name taken");
    t.emulator.addChannel({ name: "inc-3-disk-full" });
    await t.driver.command("declare Disk full", { user: alex, channel: general });
    await t.settle();
    expect(t.emulator.channelByName("inc-3-disk-full-2")).toBeDefined();
    const incident = await t.bot.deps.database.db.incident.findFirstOrThrow({ where: { number: 3 } });
    expect(incident.channelName).toBe("inc-3-disk-full-2");
  });

  it("makes a title of only emoji and punctuation into a valid channel and never echoes mentions", async () => {
    await steps.begin("emoji title");
    await t.driver.command("declare 🔥🔥 !!! ???", { user: alex, channel: general });
    await t.settle();
    expect(t.emulator.channelByName("inc-4")).toBeDefined();
    const response = await t.driver.command("declare <!channel> deploy broke <!here>", {
      user: alex,
      channel: general,
    });
    await t.settle();
    expect((response.json as { text: string }).text).not.toContain("<!channel>");
    const channel = t.emulator.channels().find((c) => c.name.startsWith("inc-5"))!;
    const everything = JSON.stringify([
      ...t.emulator.messages(channel.id),
      ...t.emulator.messages(announce),
      channel.topic,
    ]);
    expect(everything).not.toMatch(/<!(channel|here)>/);
    // Stored as words, the way an update stores a typed mention.
    expect(everything).toContain("@channel deploy broke @here");
    expect(t.emulator.violations).toEqual([]);
  });

  it("keeps private incidents private: private channel, no announcement, hidden from non-members", async () => {
    await steps.begin("private incident");
    const announcementsBefore = t.emulator.messages(announce).length;
    await t.driver.command("declare Security review --private --sev 1", { user: alex, channel: general });
    await t.settle();
    const channel = t.emulator.channelByName("inc-6-security-review");
    expect(channel?.isPrivate).toBe(true);
    expect(t.emulator.messages(announce).length).toBe(announcementsBefore);
    const forBlair = await t.driver.command("list", { user: blair, channel: general });
    const forAlex = await t.driver.command("list", { user: alex, channel: general });
    expect(JSON.stringify(forBlair.json)).not.toContain("Security review");
    expect(JSON.stringify(forAlex.json)).toContain("Security review");
  });

  it("keeps a private incident out of other people's App Home", async () => {
    await steps.begin("private App Home");
    await t.driver.appHomeOpened(blair);
    await t.driver.appHomeOpened(alex);
    // Events are acknowledged before the listener runs, as Slack requires: wait for the publish.
    await eventually(() => {
      expect(t.emulator.homeView(alex)).toBeDefined();
      expect(t.emulator.homeView(blair)).toBeDefined();
    });
    expect(JSON.stringify(t.emulator.homeView(blair)?.view)).not.toContain("Security review");
    expect(JSON.stringify(t.emulator.homeView(alex)?.view)).toContain("Security review");
  });

  it("stores a long title in full but keeps every Slack text within its limit", async () => {
    await steps.begin("long title");
    const title = `Very long title ${"lorem ipsum dolor sit amet ".repeat(16)}`.trim();
    await t.driver.command(`declare ${title}`, { user: alex, channel: general });
    await t.settle();
    const incident = await t.bot.deps.database.db.incident.findFirstOrThrow({ where: { title } });
    expect(incident.title).toBe(title);
    expect(incident.channelName!.length).toBeLessThanOrEqual(80);
    expect(t.emulator.channelByName(incident.channelName!)?.topic.value.length).toBeLessThanOrEqual(250);
    expect(t.emulator.violations).toEqual([]);
  });

  it("lists open incidents worst first", async () => {
    await steps.begin("lists worst first");
    const listed = JSON.stringify((await t.driver.command("list", { user: alex, channel: general })).json);
    expect(listed.indexOf("INC-1")).toBeLessThan(listed.indexOf("INC-2"));
  });
});
