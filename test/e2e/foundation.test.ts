// The real app over signed HTTP against the local Slack emulator: help, signatures, health.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS } from "../../src/slack/ids.ts";
import { SIM_START, startTestBot, type TestBot } from "../support/bot-harness.ts";
import { eventually } from "../support/eventually.ts";
import { FORM } from "../support/slack-driver.ts";

describe("the running bot (HTTP mode, SQLite)", () => {
  let t: TestBot;
  let user: string;
  let channel: string;

  beforeAll(async () => {
    t = await startTestBot();
    user = t.emulator.addUser({ name: "alex" }).id;
    channel = t.emulator.addChannel({ name: "general", members: [user] }).id;
  });
  afterAll(() => t.stop());

  /** The form fields of `/incident declare Forged incident` from alex in #general. */
  const forgedDeclare = () => ({
    command: "/incident",
    text: "declare Forged incident",
    user_id: user,
    channel_id: channel,
    trigger_id: "1.2.3",
    response_url: t.emulator.createResponseUrl(),
  });

  it("answers a signed /incident help with every verb and its syntax, only to the person who asked", async () => {
    const response = await t.driver.command("help", { user, channel });
    expect(response.status).toBe(200);
    const body = response.json as {
      response_type: string;
      text: string;
      blocks: { text?: { text: string } }[];
    };
    expect(body.response_type).toBe("ephemeral");
    const shown = JSON.stringify(body.blocks);
    for (const syntax of [
      "declare [<title>]",
      "sev <1-4> [--at <time>] <reason>",
      "status <investigating",
      "role <commander",
      "invite @user",
      "workstream add <name>",
      "service <name>",
      "milestone <name> [--at <time>]",
      "list",
    ]) {
      expect(shown).toContain(syntax);
    }
    expect(t.emulator.violations).toEqual([]);
  });

  it("answers an empty /incident with the action menu that points at help, and /inc help with help", async () => {
    const empty = await t.driver.command("", { user, channel });
    const short = await t.driver.command("help", { user, channel, command: "/inc" });
    // Outside an incident channel the menu offers Declare and the list, and says where help is.
    expect(JSON.stringify(empty.json)).toContain("menu.declare");
    expect(JSON.stringify(empty.json)).toContain("`/incident help`");
    expect(JSON.stringify(short.json)).toContain("sev <1-4> [--at <time>] <reason>");
  });

  it("rejects an unsigned, a wrongly signed, a stale and a future-dated request with 401, changing nothing", async () => {
    const body = new URLSearchParams(forgedDeclare()).toString();
    expect((await t.driver.raw(body, { contentType: FORM, unsigned: true })).status).toBe(401);
    expect((await t.driver.raw(body, { contentType: FORM, signature: "bad" })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await t.driver.raw(body, { contentType: FORM, timestamp: stale })).status).toBe(401);
    // Correctly signed, but stamped in the future: a captured request must not stay replayable.
    const nowSec = Math.floor(Date.now() / 1000);
    for (const ahead of [6 * 60, 10 * 60, 365 * 86_400])
      expect((await t.driver.raw(body, { contentType: FORM, timestamp: nowSec + ahead })).status).toBe(401);
    const event = JSON.stringify({
      type: "event_callback",
      event_id: "Ev1",
      event: { type: "app_home_opened", user, tab: "home" },
    });
    expect((await t.driver.raw(event, { contentType: "application/json", signature: "bad" })).status).toBe(
      401,
    );
    expect(await t.bot.deps.database.db.incident.count()).toBe(0);
    expect(await t.bot.deps.database.db.processedRequest.count()).toBe(0);
    expect(t.emulator.calls.filter((c) => c.method !== "auth.test")).toEqual([]);
  });

  it("lets Slack's unsigned SSL check through and nothing riding on it: a form or JSON body that Bolt would dispatch is verified", async () => {
    const forgedAction = new URLSearchParams({
      ssl_check: "1",
      // Bolt parses a form's `payload` field in place of the form: no ssl_check is left.
      payload: JSON.stringify({
        type: "block_actions",
        user: { id: user },
        trigger_id: "1.2.3",
        actions: [{ action_id: ACTIONS.declareFromHome, value: "", type: "button" }],
      }),
    }).toString();
    expect((await t.driver.raw(forgedAction, { contentType: FORM, unsigned: true })).status).toBe(401);
    const forgedCommand = new URLSearchParams({ ssl_check: "1", ...forgedDeclare() }).toString();
    // Answered as the SSL check it says it is, and dispatched to no listener.
    expect((await t.driver.raw(forgedCommand, { contentType: FORM, unsigned: true })).status).toBe(200);
    const forgedEvent = JSON.stringify({
      ssl_check: "1",
      type: "event_callback",
      event_id: "EvForged",
      event: { type: "app_home_opened", user, tab: "home" },
    });
    expect(
      (await t.driver.raw(forgedEvent, { contentType: "application/json", unsigned: true })).status,
    ).toBe(200);
    // A signed app_home_opened afterwards publishes the home once: the forged one published nothing.
    expect((await t.driver.appHomeOpened(user)).status).toBe(200);
    await eventually(() => expect(t.emulator.callsTo("views.publish")).toHaveLength(1));
    expect(t.emulator.callsTo("views.open")).toEqual([]);
    expect(await t.bot.deps.database.db.incident.count()).toBe(0);
  });

  it("refuses signed but malformed payloads clearly and changes nothing", async () => {
    const form = new URLSearchParams({
      command: "/incident",
      text: "declare Forged",
      channel_id: channel,
    }).toString();
    const missingUser = await t.driver.raw(form, { contentType: FORM });
    expect(missingUser.status).toBe(200);
    expect(missingUser.body).toContain("form I don't understand");
    const action = new URLSearchParams({
      payload: JSON.stringify({
        type: "block_actions",
        user: { id: "not-an-id" },
        actions: [{ action_id: "incident.join", value: "1", type: "button" }],
      }),
    }).toString();
    expect((await t.driver.raw(action, { contentType: FORM })).status).toBe(200);
    expect(await t.bot.deps.database.db.incident.count()).toBe(0);
    expect(await t.bot.deps.database.db.timelineEntry.count()).toBe(0);
  });

  it("explains an unknown verb and changes nothing", async () => {
    const response = await t.driver.command("explode everything", { user, channel });
    expect((response.json as { text: string }).text).toMatch(/I don't know the command `explode`/);
    expect(await t.bot.deps.database.db.incident.count()).toBe(0);
  });

  it("reports health with the database and outbox backlog, and no secrets", async () => {
    const response = await fetch(`${t.url}/healthz`);
    expect(response.status).toBe(200);
    const health = await response.json();
    expect(health).toMatchObject({
      status: "ok",
      database: { provider: "sqlite", reachable: true },
      outbox: { pending: 0 },
    });
    expect(JSON.stringify(health)).not.toContain(t.signingSecret);
    expect(JSON.stringify(health)).not.toContain(t.emulator.botToken);
  });

  it("moves the simulated clock only forward, from loopback", async () => {
    const before = (await (await fetch(`${t.url}/_sim/clock`)).json()) as { now: string };
    const moved = await t.advance("90s");
    expect(new Date(moved.now).getTime() - new Date(before.now).getTime()).toBe(90_000);
    const back = await fetch(`${t.url}/_sim/clock`, {
      method: "POST",
      body: JSON.stringify({ set: "2020-01-01T00:00:00Z" }),
    });
    expect(back.status).toBe(409);
    const bad = await fetch(`${t.url}/_sim/clock`, {
      method: "POST",
      body: JSON.stringify({ advance: "soon" }),
    });
    expect(bad.status).toBe(400);
  });
});

describe("the simulated clock's endpoint", () => {
  it("exists only in simulated mode, answers only loopback, and the mode is announced in the logs", async () => {
    const { networkInterfaces } = await import("node:os");
    const simulated = await startTestBot();
    const real = await startTestBot({ systemClock: true });
    try {
      expect(simulated.logs.join("\n")).toMatch(/"level":40.*SIMULATED CLOCK/);
      expect(
        (await fetch(`${real.url}/_sim/clock`, { method: "POST", body: '{"advance":"1m"}' })).status,
      ).toBe(404);
      const external = Object.values(networkInterfaces())
        .flat()
        .find((i) => i?.family === "IPv4" && !i.internal)?.address;
      // The bot listens on every interface; from a non-loopback address the route is not there.
      expect(external, "this test needs a non-loopback IPv4 address").toBeDefined();
      const port = new URL(simulated.url).port;
      const fromOutside = await fetch(`http://${external}:${port}/_sim/clock`, {
        method: "POST",
        body: JSON.stringify({ advance: "1h" }),
      });
      expect(fromOutside.status).toBe(404);
      const now = (await (await fetch(`${simulated.url}/_sim/clock`)).json()) as { now: string };
      expect(now.now).toBe(SIM_START);
    } finally {
      await simulated.stop();
      await real.stop();
    }
  });
});
