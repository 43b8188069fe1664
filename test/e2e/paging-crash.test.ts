// SIGKILL between a page being queued and its delivery being recorded: PagerDuty and Opsgenie
// have taken the page but the bot dies before hearing so. After a restart the step is sent
// again with the same dedup key / alias, so each pager still holds exactly one alert, and
// nothing is left undelivered.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.ts";
import { startBotProcess } from "../support/bot-process.ts";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";
import { eventually, present } from "../support/eventually.ts";
import { type PagerEmulator, startPagerEmulator } from "../support/pager-emulator/index.ts";
import { DEFAULT_ROUTING_KEY, writeTargetsFile } from "../support/paging-fixtures.ts";
import { createSlackDriver } from "../support/slack-driver.ts";
import { type SlackEmulator, startSlackEmulator } from "../support/slack-emulator/index.ts";

describe("paging across a crash", () => {
  let emulator: SlackEmulator;
  let pagers: PagerEmulator;
  let database: TestDatabase;
  const signingSecret = randomBytes(16).toString("hex");

  beforeAll(async () => {
    emulator = await startSlackEmulator();
    pagers = await startPagerEmulator();
    database = await createTestDatabase("sqlite");
  });
  afterAll(async () => {
    await emulator.stop();
    await pagers.stop();
    await database.drop();
  });

  it("delivers a page exactly once to each pager across a SIGKILL mid-delivery", async () => {
    const ic = emulator.addUser({ name: "ines" }).id;
    const dana = emulator.addUser({ name: "dana", email: "dana@example.com" }).id;
    const general = emulator.addChannel({ name: "general", members: [ic] }).id;
    const env = {
      SLACK_BOT_TOKEN: emulator.botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: emulator.apiUrl,
      DATABASE_URL: database.url,
      SCHEDULER_CRON: "*/1 * * * * *",
      PAGER_TARGETS_FILE: writeTargetsFile(),
      PAGERDUTY_ROUTING_KEY: DEFAULT_ROUTING_KEY,
      ...pagers.env(["pagerduty", "opsgenie"]),
    };
    const first = await startBotProcess(env);
    const driver = createSlackDriver({ eventsUrl: `${first.url}/slack/events`, signingSecret, emulator });
    await driver.command("declare Crash page drill --sev 2", { user: ic, channel: general });
    const channel = await eventually(() =>
      present(emulator.channelByName("inc-1-crash-page-drill"), "the incident channel"),
    );

    // Both pagers take the trigger at once and answer late: the kill lands in between.
    pagers.injectFault({ pager: "pagerduty", kind: "delay", delayMs: 15_000 });
    pagers.injectFault({ pager: "opsgenie", kind: "delay", delayMs: 15_000 });
    await driver.command(`page <@${dana}> primary database down`, { user: ic, channel: channel.id });
    const key = "incident-1-page-1";
    await eventually(() => {
      expect(pagers.pagerdutyActions(key)).toEqual(["trigger"]);
      expect(pagers.opsgenieActions(key)).toEqual(["create"]);
    });
    await first.kill("SIGKILL");
    pagers.clearFaults();

    const second = await startBotProcess(env);
    const db = await openDatabase(database.url);
    try {
      await eventually(
        async () => expect(await db.db.outboxMessage.count({ where: { status: { not: "done" } } })).toBe(0),
        { timeoutMs: 60_000 },
      );
      const steps = await db.db.outboxMessage.findMany({ where: { kind: { startsWith: "pager." } } });
      expect(steps.map((s) => s.kind).sort()).toEqual(["pager.opsgenie", "pager.pagerduty"]);
      // Each was attempted again after the restart, and each pager still holds one alert.
      for (const step of steps) expect(step.attempts).toBe(2);
      expect([...pagers.pagerdutyAlerts.keys()]).toEqual([key]);
      expect(pagers.pagerdutyAlerts.get(key)?.status).toBe("triggered");
      expect(pagers.opsgenieAlerts.filter((a) => a.alias === key)).toHaveLength(1);
      expect(pagers.opsgenieAlerts[0]?.responders).toEqual([{ type: "user", username: "dana@example.com" }]);
      expect(await db.db.page.count()).toBe(1);
      expect(await db.db.timelineEntry.count({ where: { kind: "page_sent" } })).toBe(1);
    } finally {
      await db.close();
      await second.kill("SIGTERM");
    }
  });
});
