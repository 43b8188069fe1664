// Two replicas that share a host name and a pid (two containers, both pid 1; here two bots in
// one test process): a replica that starts must never take over work the other still holds.
// Replicas share PostgreSQL; SQLite takes one bot per file (see process.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireLease } from "../../src/db/leases.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";
import { type SlackEmulator, startSlackEmulator } from "../support/slack-emulator/index.ts";

describe.skipIf(process.env.SKIP_POSTGRES === "1")("leases between replicas on one host", () => {
  let emulator: SlackEmulator;
  let database: TestDatabase;
  const replicas: TestBot[] = [];

  beforeAll(async () => {
    emulator = await startSlackEmulator();
    database = await createTestDatabase("postgresql");
  });
  afterAll(async () => {
    for (const replica of replicas) await replica.stop();
    await emulator.stop();
    await database.drop();
  });

  it("keeps a live replica's lease when another replica with the same host name and pid starts", async () => {
    const first = await startTestBot({ emulator, database, systemClock: true });
    replicas.push(first);
    const { db } = first.bot.deps.database;
    const key = "outbox:channel:CBUSYLANE";
    expect(await acquireLease(db, key, first.bot.deps.instanceId, new Date(), 60_000)).toBe(true);

    const second = await startTestBot({ emulator, database, systemClock: true });
    replicas.push(second);
    expect(second.bot.deps.instanceId).not.toBe(first.bot.deps.instanceId);
    expect(await acquireLease(db, key, second.bot.deps.instanceId, new Date(), 60_000)).toBe(false);
    const lease = await db.lease.findUnique({ where: { key } });
    expect(lease?.holder).toBe(first.bot.deps.instanceId);
  });
});
