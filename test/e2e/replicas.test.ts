// Two replicas on one PostgreSQL database behind any load balancer, sharing one Slack: numbers
// stay unique and sequential, a request delivered to both is handled once, and the outbox is
// drained without a single double delivery.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTBOX_METADATA_TYPE } from "../../src/outbox/deliveries/post-once.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";
import { eventually } from "../support/eventually.ts";
import { type SlackEmulator, startSlackEmulator } from "../support/slack-emulator/index.ts";
import { nothing, story } from "../support/story.ts";

describe("two replicas on one PostgreSQL database", () => {
  let emulator: SlackEmulator;
  let database: TestDatabase;
  let replicas: TestBot[];
  let ic: string;
  let general: string;

  beforeAll(async () => {
    emulator = await startSlackEmulator();
    database = await createTestDatabase("postgresql");
    const announce = emulator.addChannel({ name: "incidents" }).id;
    const shared = {
      emulator,
      database,
      systemClock: true,
      signingSecret: "shared-signing-secret-0123456789",
    };
    const env = { INCIDENT_ANNOUNCE_CHANNEL: announce };
    replicas = [await startTestBot({ ...shared, env }), await startTestBot({ ...shared, env })];
    ic = emulator.addUser({ name: "ines" }).id;
    general = emulator.addChannel({ name: "general", members: [ic] }).id;
  });
  afterAll(async () => {
    for (const replica of replicas) await replica.stop();
    await emulator.stop();
    await database.drop();
  });

  async function settleAll() {
    for (let round = 0; round < 3; round++) for (const replica of replicas) await replica.settle();
  }

  /** Sixteen declarations at once, alternating between the replicas. */
  const declareSixteen = () =>
    Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        replicas[i % 2]!.driver.command(`declare Region ${i} down --sev 2`, { user: ic, channel: general }),
      ),
    );
  // The incidents the delivery check looks at (test/support/story.ts).
  const steps = story({
    numbering: async () => {
      await declareSixteen();
      // As the test below: every declaration goes on after its acknowledgement.
      const { db } = replicas[0]!.bot.deps.database;
      await eventually(async () => expect(await db.incident.count()).toBe(16), { timeoutMs: 120_000 });
    },
    "delivered to both": nothing,
    "delivered once": nothing,
  });

  it("numbers concurrent declarations uniquely and sequentially, whichever replica takes them", async () => {
    await steps.begin("numbering");
    await declareSixteen();
    // Whether all 16 are acknowledged within Slack's 3 s depends on the machine's load: that is
    // a latency budget, measured by `npm run bench` (acknowledgement latency at concurrency 16
    // and 64). What must hold on any machine: each declaration recorded once, numbered 1–16.
    // They take turns on the counter row, each for its whole transaction, and go on after their
    // (late) acknowledgement: beside other work on 2 cores the last committed 26 s after the
    // first request (15 of 16 acks late), past `eventually`'s usual deadline, so wait longer.
    await eventually(
      async () => {
        const numbers = (
          await replicas[0]!.bot.deps.database.db.incident.findMany({ select: { number: true } })
        )
          .map((i) => i.number)
          .sort((a, b) => a - b);
        expect(numbers).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
      },
      { timeoutMs: 120_000 },
    );
  });

  it("handles a request delivered to both replicas once", async () => {
    await steps.begin("delivered to both");
    const body = new URLSearchParams({
      channel_id: general,
      user_id: ic,
      command: "/incident",
      text: "declare Delivered twice",
      response_url: emulator.createResponseUrl(),
      trigger_id: emulator.issueTrigger(ic),
      team_id: emulator.teamId,
      api_app_id: emulator.appId,
    }).toString();
    const [a, b] = await Promise.all(
      replicas.map((r) => r.driver.raw(body, { contentType: "application/x-www-form-urlencoded" })),
    );
    expect(a?.body).toBe(b?.body);
    expect(
      await replicas[0]!.bot.deps.database.db.incident.count({ where: { title: "Delivered twice" } }),
    ).toBe(1);
  });

  it("delivers every outbox message once: one channel, one pinned summary, one announcement each", async () => {
    await steps.begin("delivered once");
    await settleAll();
    const db = replicas[0]!.bot.deps.database.db;
    expect(await db.outboxMessage.count({ where: { status: { not: "done" } } })).toBe(0);
    const incidents = await db.incident.findMany();
    for (const incident of incidents) {
      const channels = emulator.channels().filter((c) => c.name.startsWith(`inc-${incident.number}-`));
      expect(channels, incident.title).toHaveLength(1);
      expect(emulator.messages(channels[0]!.id).filter((m) => m.pinned)).toHaveLength(1);
    }
    const posted = emulator
      .channels()
      .flatMap((c) => emulator.messages(c.id))
      .filter((m) => m.metadata?.event_type === OUTBOX_METADATA_TYPE)
      .map((m) => (m.metadata?.event_payload as { outbox_id: number } | undefined)?.outbox_id);
    expect(new Set(posted).size).toBe(posted.length);
    expect(emulator.callsTo("conversations.create").filter((c) => c.ok)).toHaveLength(incidents.length);
    expect(emulator.violations).toEqual([]);
  });
});
