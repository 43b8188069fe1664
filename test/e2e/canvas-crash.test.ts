// A postmortem canvas created just before the process died is not created again: the outbox
// recorded the attempt before calling Slack, and the restarted bot looks for the canvas by
// its title in the channel (files.list, types=canvas) before creating another.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.ts";
import { startBotProcess } from "../support/bot-process.ts";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";
import { eventually, present } from "../support/eventually.ts";
import { createSlackDriver } from "../support/slack-driver.ts";
import { type SlackEmulator, startSlackEmulator } from "../support/slack-emulator/index.ts";

describe("a postmortem canvas across a SIGKILL", () => {
  let emulator: SlackEmulator;
  let database: TestDatabase;
  const signingSecret = randomBytes(16).toString("hex");

  beforeAll(async () => {
    emulator = await startSlackEmulator();
    database = await createTestDatabase("sqlite");
  });
  afterAll(async () => {
    await emulator.stop();
    await database.drop();
  });

  const env = {
    get SLACK_BOT_TOKEN() {
      return emulator.botToken;
    },
    SLACK_SIGNING_SECRET: signingSecret,
    get SLACK_API_URL() {
      return emulator.apiUrl;
    },
    get DATABASE_URL() {
      return database.url;
    },
    POSTMORTEM_CANVAS: "true",
  };

  it("creates the canvas once when the process dies between Slack creating it and the bot recording it", async () => {
    const ic = emulator.addUser({ name: "ines" }).id;
    const general = emulator.addChannel({ name: "general", members: [ic] }).id;
    const first = await startBotProcess({ ...env });
    const driver = createSlackDriver({ eventsUrl: `${first.url}/slack/events`, signingSecret, emulator });
    await driver.command("declare Canvas drill --sev 3", { user: ic, channel: general });
    const channel = await eventually(() =>
      present(emulator.channelByName("inc-1-canvas-drill"), "the incident channel"),
    );

    // Slack creates the canvas at once but answers late: the kill lands in between.
    emulator.injectFault({
      method: "canvases.create",
      kind: "delay",
      delayMs: 15_000,
      times: Number.POSITIVE_INFINITY,
    });
    await driver.command("postmortem", { user: ic, channel: channel.id });
    const created = await eventually(() => present(emulator.canvases()[0], "the canvas"));
    expect(created.title).toMatch(/^INC-1 postmortem draft, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    await first.kill("SIGKILL");
    emulator.clearFaults();

    const second = await startBotProcess({ ...env });
    const db = await openDatabase(database.url);
    try {
      await eventually(
        async () => expect(await db.db.outboxMessage.count({ where: { status: { not: "done" } } })).toBe(0),
        { timeoutMs: 60_000 },
      );
      const row = await db.db.outboxMessage.findFirstOrThrow({ where: { kind: "postmortem.canvas" } });
      expect(row.attempts).toBeGreaterThanOrEqual(2);
      // Looked for it in the channel, found it, and did not make a second one.
      expect(emulator.callsTo("files.list").some((c) => c.args.channel === channel.id)).toBe(true);
      expect(emulator.canvases()).toHaveLength(1);
      expect(emulator.violations).toEqual([]);
    } finally {
      await db.close();
      await second.kill("SIGTERM");
    }
  });
});
