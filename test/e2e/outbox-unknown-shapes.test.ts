// A message queued in a shape this version cannot render (an older release's Block Kit payload,
// a hand-edited row) is refused with a clear error and does not hold up its conversation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";

describe("outbox rows in a shape this version does not know", () => {
  let t: TestBot;

  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.stop());

  it("fails the unknown row with a clear reason and delivers the next message of its channel", async () => {
    const channel = t.emulator.addChannel({ name: "ops" }).id;
    const { db } = t.bot.deps.database;
    const now = t.bot.clock.now();
    const queued = (payload: object) =>
      db.outboxMessage.create({
        data: {
          lane: `channel:${channel}`,
          kind: "message.post",
          payload,
          status: "pending",
          nextAttemptAt: now,
          createdAt: now,
        },
      });
    const old = await queued({
      kind: "message.post",
      target: { channelId: channel },
      content: { text: "rendered by an older version", blocks: [] },
    });
    const renamed = await queued({
      kind: "message.post",
      target: { channelId: channel },
      message: { view: "status_update_v0", text: "a view nobody renders" },
    });
    const unknownKind = await queued({ kind: "message.shout", target: { channelId: channel } });
    const next = await queued({
      kind: "message.post",
      target: { channelId: channel },
      message: { view: "reminders_snoozed", actorId: null, minutes: 15, until: now.toISOString() },
    });

    await t.settle();

    const texts = t.emulator.messages(channel).map((m) => m.text);
    expect(texts).toEqual([expect.stringContaining("Snoozed update reminders for 15 min")]);
    const rows = await db.outboxMessage.findMany({
      where: { id: { in: [old.id, renamed.id, unknownKind.id, next.id] } },
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(next.id)?.status).toBe("done");
    expect(byId.get(old.id)).toMatchObject({ status: "failed" });
    expect(byId.get(old.id)?.lastError).toContain("cannot render message without a known model");
    expect(byId.get(renamed.id)).toMatchObject({ status: "failed" });
    expect(byId.get(renamed.id)?.lastError).toContain('cannot render message model "status_update_v0"');
    expect(byId.get(unknownKind.id)).toMatchObject({ status: "failed" });
    expect(byId.get(unknownKind.id)?.lastError).toContain(
      'cannot deliver intent of unknown kind "message.shout"',
    );
    // Each give-up is logged once, as an operator event with stable fields.
    const failedEvents = t.logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.event === "outbox_delivery_failed");
    expect(failedEvents.map((e) => e.outboxId).sort()).toEqual([old.id, renamed.id, unknownKind.id].sort());
    for (const event of failedEvents)
      expect(event).toMatchObject({ level: 50, kind: "message.post", reason: "unknown_shape", attempts: 1 });
    // The process is still serving requests.
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });
});
