// Handoffs under the conditions of a real outage: two bot instances on one PostgreSQL
// database prompting a boundary that touches a dozen channels while Slack rate-limits, and a
// boundary that passed while the bot was down, prompted when it starts again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";
import { blocksText, cards, PEOPLE, seedPeople, writeRotationsFile } from "../support/handoff-fixtures.ts";
import type { SlackEmulator } from "../support/slack-emulator/emulator.ts";

const { riley, aoife } = PEOPLE;
const INCIDENTS = 12;

describe.skipIf(process.env.SKIP_POSTGRES === "1")("two instances on one PostgreSQL database", () => {
  let emulator: SlackEmulator;
  let one: TestBot;
  let two: TestBot;

  beforeAll(async () => {
    const { startSlackEmulator } = await import("../support/slack-emulator/index.ts");
    emulator = await startSlackEmulator();
    seedPeople(emulator);
    const env = { ROTATIONS_FILE: writeRotationsFile() };
    one = await startTestBot({ provider: "postgresql", emulator, env });
    two = await startTestBot({ database: one.database, emulator, env });
  });
  afterAll(async () => {
    await two?.stop();
    await one?.stop();
    await emulator?.stop();
  });

  it("posts exactly one prompt per incident and workstream when both pass the boundary, despite 429s", async () => {
    const general = emulator.addChannel({ name: "general", members: [riley.id] }).id;
    for (let i = 1; i <= INCIDENTS; i++) {
      const bot = i % 2 ? one : two;
      await bot.driver.command(`declare Region outage ${i} --sev 1 --rotation follow-the-sun`, {
        user: riley.id,
        channel: general,
      });
    }
    await Promise.all([one.settle(), two.settle()]);
    const channels = emulator.channels().filter((c) => /^inc-\d+-region-outage/.test(c.name));
    expect(channels).toHaveLength(INCIDENTS);
    // One incident also runs a us1 workstream with its own channel, on the rotation.
    await two.driver.command(`workstream add us1 --lead <@${PEOPLE.usapac.id}> --channel`, {
      user: riley.id,
      channel: channels[0]!.id,
    });
    await Promise.all([one.settle(), two.settle()]);
    const us1 = emulator.channelByName("inc-1-us1")!;
    await one.driver.command("rotation follow-the-sun", { user: riley.id, channel: us1.id });
    await Promise.all([one.settle(), two.settle()]);

    // Slack rate-limits the first posts of the burst.
    emulator.injectFault({
      method: "chat.postMessage",
      kind: "rate_limited",
      times: 6,
      retryAfterSeconds: 20,
    });
    await Promise.all([one.advance("1h45m"), two.advance("1h45m")]);
    await Promise.all([one.advance("1m"), two.advance("1m")]);
    await Promise.all([one.settle(), two.settle()]);

    for (const channel of [...channels, us1]) {
      const posted = cards(emulator, channel.id);
      expect(posted, channel.name).toHaveLength(1);
    }
    expect(blocksText(cards(emulator, channels[0]!.id)[0]!)).toContain(`<@${riley.id}> → <@${aoife.id}>`);
    expect(blocksText(cards(emulator, us1.id)[0]!)).toContain(
      `<@${PEOPLE.usapac.id}> → <@${PEOPLE.usemea.id}>`,
    );
    const limited = emulator
      .callsTo("chat.postMessage")
      .filter((c) => JSON.stringify(c).includes("ratelimited"));
    expect(limited.length).toBeGreaterThan(0);

    const { db } = one.bot.deps.database;
    expect(await db.handoff.count()).toBe(INCIDENTS + 1);
    expect(await db.jobRun.count({ where: { job: "handoff-prompt" } })).toBe(INCIDENTS + 1);
    expect(await db.timelineEntry.count({ where: { kind: "handoff_prompted" } })).toBe(INCIDENTS + 1);

    // Past the deadline, each handoff escalates once, whichever instance gets there first.
    await Promise.all([one.advance("25m"), two.advance("25m")]);
    await Promise.all([one.settle(), two.settle()]);
    expect(await db.timelineEntry.count({ where: { kind: "handoff_escalated" } })).toBe(INCIDENTS + 1);
    for (const channel of channels) {
      expect(
        emulator.messages(channel.id).filter((m) => m.text.includes("Handoff not accepted")),
      ).toHaveLength(1);
    }
    expect(emulator.violations).toEqual([]);
  });
});

describe("a boundary missed while the bot was down", () => {
  let emulator: SlackEmulator;
  let database: TestDatabase;
  const env = { ROTATIONS_FILE: writeRotationsFile() };

  beforeAll(async () => {
    const { startSlackEmulator } = await import("../support/slack-emulator/index.ts");
    emulator = await startSlackEmulator();
    seedPeople(emulator);
    database = await createTestDatabase("sqlite");
  });
  afterAll(async () => {
    await emulator.stop();
    await database.drop();
  });

  it("is prompted when the bot starts again, once, saying it is late", async () => {
    const before = await startTestBot({ emulator, database, env });
    const general = emulator.addChannel({ name: "general", members: [riley.id] }).id;
    await before.driver.command("declare Storage degraded --rotation follow-the-sun", {
      user: riley.id,
      channel: general,
    });
    await before.settle();
    await before.advance("1h"); // 07:00: nothing due yet
    await before.stop();
    const channel = emulator.channelByName("inc-1-storage-degraded")!;
    expect(cards(emulator, channel.id)).toHaveLength(0);

    // Down from 07:00 to 08:20: the 08:00 shift change (prompt due 07:45) passed unseen.
    const after = await startTestBot({
      emulator,
      database,
      env: { ...env, INCIDENT_BOT_SIM_START: "2026-03-08T08:20:00.000Z" },
    });
    await after.settle();
    const [card, ...more] = cards(emulator, channel.id);
    expect(more).toHaveLength(0);
    expect(blocksText(card!)).toContain("not prompted on time");
    expect(blocksText(card!)).toContain(`<@${riley.id}> → <@${aoife.id}>`);
    // The time to accept counts from the late prompt.
    expect(blocksText(card!)).toContain("Accept by 08:30 UTC");
    await after.stop();

    const again = await startTestBot({
      emulator,
      database,
      env: { ...env, INCIDENT_BOT_SIM_START: "2026-03-08T08:25:00.000Z" },
    });
    await again.settle();
    expect(cards(emulator, channel.id)).toHaveLength(1);
    await again.stop();
    expect(emulator.violations).toEqual([]);
  });
});
