// A burst of 500 signed commands in under ten seconds: every one acknowledged in time and
// recorded, memory bounded, and the big messages that result still within Slack's limits.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";

describe("a burst of 500 commands", () => {
  let t: TestBot;
  let ic: string;
  let channel: string;

  beforeAll(async () => {
    t = await startTestBot();
    ic = t.emulator.addUser({ name: "ines" }).id;
    const general = t.emulator.addChannel({ name: "general", members: [ic] }).id;
    await t.driver.command("declare Everything at once --sev 1", { user: ic, channel: general });
    await t.settle();
    channel = t.emulator.channelByName("inc-1-everything-at-once")!.id;
  });
  afterAll(() => t.stop());

  it("acknowledges and records all of them, quickly, without unbounded memory", async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const started = Date.now();
    const latencies: number[] = [];
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
          const sent = Date.now();
          const response = await t.driver.command(command, { user: ic, channel });
          latencies.push(Date.now() - sent);
          statuses.push(response.status);
        }
      }),
    );
    const elapsed = Date.now() - started;
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(elapsed).toBeLessThan(10_000);
    expect(Math.max(...latencies)).toBeLessThan(3_000);
    const db = t.bot.deps.database.db;
    expect(
      await db.timelineEntry.count({
        where: { kind: { in: ["service_status_changed", "milestone_recorded"] } },
      }),
    ).toBe(500);
    await t.settle();
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(300 * 1024 * 1024);
    // The board and summary stay single messages within Slack's limits, however much they hold.
    expect(t.emulator.violations).toEqual([]);
    const boards = t.emulator
      .messages(channel)
      .filter((m) => JSON.stringify(m.blocks).includes("Recovery board"));
    expect(boards).toHaveLength(1);
    // Coalescing: far fewer board updates than changes.
    expect(t.emulator.callsTo("chat.update").length).toBeLessThan(500);
  }, 60_000);
});
