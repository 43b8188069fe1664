// 📌 capture without conversations.history / conversations.replies (issue 18 item 7): Slack
// limits those to one call a minute for some apps, so a message the bot heard as a `message`
// event in an incident channel is captured from what it heard, edits included. Here both
// methods are rate-limited for the whole test: every capture must get by with no call to them.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import { eventually } from "../support/eventually.ts";
import { startSimTestBot } from "../support/sim-emulator.ts";

describe("pins from message events", () => {
  let t: TestBot & { announce: string | undefined };
  let alex: string;
  let blair: string;
  let channel: string;
  let general: string;

  const db = () => t.bot.deps.database.db;
  const pinEntry = (ts: string) =>
    db().timelineEntry.findUnique({ where: { dedupeKey: `pin:${channel}:${ts}` } });
  const historyCalls = () =>
    t.emulator.callsTo("conversations.history").length + t.emulator.callsTo("conversations.replies").length;
  const heard = (where: string, ts: string) =>
    eventually(() => expect(t.bot.deps.recentMessages.get(where, ts)).toBeDefined());

  async function pinned(ts: string, by = alex) {
    const { eventId } = await t.driver.reactionAdded({ user: by, channel, ts });
    await eventually(async () =>
      expect(await db().processedRequest.findUnique({ where: { key: `event:${eventId}` } })).not.toBeNull(),
    );
    await t.settle();
    return pinEntry(ts);
  }

  beforeAll(async () => {
    t = await startSimTestBot();
    alex = t.emulator.addUser({ name: "alex" }).id;
    blair = t.emulator.addUser({ name: "blair" }).id;
    general = t.emulator.addChannel({ name: "general", members: [alex, blair] }).id;
    const incident = await declareIncident(t, "Checkout is failing --sev 2", {
      by: alex,
      from: general,
      joiners: [blair],
    });
    channel = incident.channel.id;
    await t.advance("2m");
    for (const method of ["conversations.history", "conversations.replies"])
      t.emulator.injectFault({
        method,
        kind: "rate_limited",
        retryAfterSeconds: 60,
        times: Number.POSITIVE_INFINITY,
      });
  });
  afterAll(() => t.stop());

  it("captures a heard message, a reply in a thread and another app's alert with no history call", async () => {
    const before = historyCalls();
    await t.driver.messagePosted({ user: blair, channel, text: `<@${alex}> card processor returns 502s` });
    const message = t.emulator.messages(channel).at(-1);
    if (!message) throw new Error("no message posted");
    await t.driver.messagePosted({
      user: alex,
      channel,
      text: "retrying with the backup processor",
      threadTs: message.ts,
    });
    const reply = t.emulator.messages(channel).find((m) => m.threadTs === message.ts);
    if (!reply) throw new Error("no reply posted");
    const alert = t.emulator.postAsBot(channel, "B0MONITOR01", "ALERT checkout 5xx > 2%");
    await t.driver.messageSeen(alert);
    await heard(channel, message.ts);
    await heard(channel, reply.ts);
    await heard(channel, alert.ts);

    expect((await pinned(message.ts))?.data).toMatchObject({
      authorId: blair,
      botId: null,
      threadTs: null,
      text: "@alex card processor returns 502s",
    });
    expect((await pinned(reply.ts, blair))?.data).toMatchObject({
      authorId: alex,
      threadTs: message.ts,
      text: "retrying with the backup processor",
    });
    expect((await pinned(alert.ts))?.data).toMatchObject({
      authorId: null,
      botId: "B0MONITOR01",
      text: "ALERT checkout 5xx > 2%",
    });
    expect(historyCalls() - before).toBe(0);
  });

  it("captures a message as last edited", async () => {
    const before = historyCalls();
    await t.driver.messagePosted({ user: blair, channel, text: "root cause: DNS" });
    const message = t.emulator.messages(channel).at(-1);
    if (!message) throw new Error("no message posted");
    await heard(channel, message.ts);
    await t.driver.messageEdited({
      user: blair,
      channel,
      ts: message.ts,
      text: "root cause: expired TLS certificate",
    });
    await eventually(() =>
      expect(t.bot.deps.recentMessages.get(channel, message.ts)?.text).toBe(
        "root cause: expired TLS certificate",
      ),
    );
    expect((await pinned(message.ts))?.data).toMatchObject({ text: "root cause: expired TLS certificate" });
    expect(historyCalls() - before).toBe(0);
  });

  it("keeps nothing from channels that are not an incident's", async () => {
    await t.driver.messagePosted({ user: blair, channel: general, text: "lunch?" });
    const elsewhere = t.emulator.messages(general).at(-1);
    if (!elsewhere) throw new Error("no message posted");
    await eventually(() =>
      expect(
        t.logs.some((line) => line.includes('"not_incident_channel"') && line.includes(`"${general}"`)),
      ).toBe(true),
    );
    expect(t.bot.deps.recentMessages.get(general, elsewhere.ts)).toBeUndefined();
  });

  it("costs one lookup per ordinary channel per half minute, and none for a join", async () => {
    const lookups = vi.spyOn(t.bot.deps.store.read.incidents, "byChannel");
    const quiet = t.emulator.addChannel({ name: "random", members: [alex, blair] }).id;
    const lookupsIn = () => lookups.mock.calls.filter(([id]) => id === quiet).length;
    /** Sends one `message` event in #random and waits for the listener's verdict on it. */
    async function heardInQuiet(send: () => Promise<unknown>, outcome: string) {
      const before = t.logs.length;
      await send();
      await eventually(() =>
        expect(
          t.logs.slice(before).some((line) => line.includes(`"${outcome}"`) && line.includes(`"${quiet}"`)),
        ).toBe(true),
      );
    }
    try {
      await heardInQuiet(
        () =>
          t.driver.event({
            type: "message",
            subtype: "channel_join",
            channel: quiet,
            user: blair,
            ts: "1.000001",
          }),
        "skipped",
      );
      expect(lookupsIn()).toBe(0);
      for (const text of ["lunch?", "pizza", "sure"])
        await heardInQuiet(
          () => t.driver.messagePosted({ user: blair, channel: quiet, text }),
          "not_incident_channel",
        );
      expect(lookupsIn()).toBe(1);
      await t.advance("31s");
      await heardInQuiet(
        () => t.driver.messagePosted({ user: blair, channel: quiet, text: "anyone?" }),
        "not_incident_channel",
      );
      expect(lookupsIn()).toBe(2);
    } finally {
      lookups.mockRestore();
    }
  });

  it("falls back to Slack for a message it never heard (here rate-limited: captured without text)", async () => {
    const unheard = t.emulator.postAsUser(channel, blair, "posted while this replica was down");
    const entry = await pinned(unheard.ts);
    expect(entry?.data).toMatchObject({ authorId: blair, text: "" });
    expect(historyCalls()).toBeGreaterThan(0);
  });
});
