// A burst of 500 signed commands, 25 at a time: every one acknowledged and recorded, and the big
// messages that result still within Slack's limits. Acknowledgement latency and memory under
// load are `npm run bench` (sections 1 and the budgets), against a bare Bolt app in the same run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";

describe("a burst of 500 commands", () => {
  let t: TestBot;
  let ic: string;
  let channel: string;

  beforeAll(async () => {
    t = await startTestBot();
    ic = t.emulator.addUser({ name: "ines" }).id;
    const general = t.emulator.addChannel({ name: "general", members: [ic] }).id;
    channel = (await declareIncident(t, "Everything at once --sev 1", { by: ic, from: general })).channel.id;
  });
  afterAll(() => t.stop());

  it("acknowledges and records all of them", async () => {
    const commands = Array.from({ length: 500 }, (_, i) =>
      i % 2
        ? `service svc-${i} degraded --region r${i % 5} ${"x".repeat(i % 50)}`
        : `milestone step-${i} note ${i}`,
    );
    let next = 0;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 25 }, async () => {
        while (next < commands.length) {
          const command = commands[next++] as string;
          const response = await t.driver.command(command, { user: ic, channel });
          statuses.push(response.status);
        }
      }),
    );
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const db = t.bot.deps.database.db;
    expect(
      await db.timelineEntry.count({
        where: { kind: { in: ["service_status_changed", "milestone_recorded"] } },
      }),
    ).toBe(500);
    await t.settle();
    // The board and summary stay single messages within Slack's limits, however much they hold.
    expect(t.emulator.violations).toEqual([]);
    const boards = t.emulator
      .messages(channel)
      .filter((m) => JSON.stringify(m.blocks).includes("Recovery board"));
    expect(boards).toHaveLength(1);
    // Coalescing: far fewer board updates than changes.
    expect(t.emulator.callsTo("chat.update").length).toBeLessThan(500);
  });
});
