// Retention runs from the bot's own scheduler: after DATA_RETENTION has passed on the app's
// clock, the records of handled commands and the delivered outbox messages are gone, and the
// incident itself (timeline, state) is untouched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";

describe("retention from the scheduler", () => {
  let t: TestBot;

  beforeAll(async () => {
    // No long-duty nudge during the two simulated days: the test counts what setup left behind.
    t = await startTestBot({ env: { DATA_RETENTION: "2d", LONG_DUTY_HOURS: "off" } });
  });
  afterAll(() => t.stop());

  it("removes handled-request records and delivered messages once they are older than DATA_RETENTION", async () => {
    const ic = t.emulator.addUser({ name: "ines" }).id;
    const general = t.emulator.addChannel({ name: "general", members: [ic] }).id;
    const { channel } = await declareIncident(t, "Old news --sev 4", { by: ic, from: general });
    await t.driver.command("note found the bad deploy", { user: ic, channel: channel.id });
    await t.settle();
    const { db } = t.bot.deps.database;
    expect(await db.processedRequest.count({ where: { key: { startsWith: "command:" } } })).toBe(2);
    expect(await db.outboxMessage.count({ where: { status: "done" } })).toBeGreaterThan(0);
    const entries = await db.timelineEntry.count();

    await t.advance("1d");
    expect(await db.processedRequest.count({ where: { key: { startsWith: "command:" } } })).toBe(2);
    await t.advance("1d2h");
    expect(await db.processedRequest.count({ where: { key: { startsWith: "command:" } } })).toBe(0);
    expect(
      await db.outboxMessage.count({
        where: { status: "done", createdAt: { lt: new Date("2026-03-09T00:00:00Z") } },
      }),
    ).toBe(0);
    expect(await db.timelineEntry.count()).toBe(entries);
    // The bot still answers and records as before.
    const later = await t.driver.command("note still fine", { user: ic, channel: channel.id });
    expect(later.status).toBe(200);
    expect(await db.timelineEntry.count()).toBe(entries + 1);
  });
});
