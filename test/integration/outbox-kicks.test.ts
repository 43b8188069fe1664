// A kick while the worker is busy: lanes that fell due meanwhile start in a free worker slot at
// once, not after the running pass's slowest lane (an invite of hundreds, a slow upload); a lane
// being delivered is never delivered twice at once; drain() still returns only when all of it,
// the extra passes included, is done.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SimulatedClock } from "../../src/clock/clock.ts";
import { type Database, openDatabase } from "../../src/db/client.ts";
import { outboxQueue } from "../../src/db/repositories/outbox.ts";
import { createLogger } from "../../src/log/logger.ts";
import type { DeliverFn } from "../../src/outbox/delivery.ts";
import type { Intent } from "../../src/outbox/intents.ts";
import { OutboxWorker } from "../../src/outbox/worker.ts";
import { createTestDatabase, type TestDatabase, testedProviders } from "../support/databases.ts";

const message = { view: "plain", text: "x" };

function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe.each(testedProviders())("outbox kicks on %s", (provider) => {
  let testDatabase: TestDatabase;
  let database: Database;
  const clock = new SimulatedClock(new Date("2026-03-08T06:00:00Z"));
  const logger = createLogger({ level: "error", format: "json", destination: { write: () => {} } });

  beforeAll(async () => {
    testDatabase = await createTestDatabase(provider);
    database = await openDatabase(testDatabase.url);
  });
  beforeEach(async () => {
    await database.db.outboxMessage.deleteMany({});
  });
  afterAll(async () => {
    await database.close();
    await testDatabase.drop();
  });

  async function queue(lane: string, intent: Intent): Promise<number> {
    const row = await database.db.outboxMessage.create({
      data: {
        lane,
        kind: intent.kind,
        payload: intent as object,
        status: "pending",
        nextAttemptAt: clock.now(),
        createdAt: clock.now(),
      },
    });
    return row.id;
  }

  const post = (incidentId: number) => ({ kind: "message.post", target: { incidentId }, message }) as Intent;

  function workerWith(deliver: DeliverFn) {
    return new OutboxWorker({
      queue: outboxQueue(database.db),
      clock,
      logger,
      instanceId: "test-worker",
      deliver,
      concurrency: 4,
    });
  }

  it("starts a lane that fell due during a slow delivery without waiting for it", async () => {
    const slow = await queue("invite:incident:1", {
      kind: "channel.invite",
      scope: { incidentId: 1 },
      users: ["U1"],
      groups: [],
    });
    const slowStarted = deferred();
    const releaseSlow = deferred();
    const updateDelivered = deferred();
    const delivered: number[] = [];
    let update = 0;
    const worker = workerWith(async (_intent, attempt) => {
      if (attempt.message.id === slow) {
        slowStarted.resolve();
        await releaseSlow.promise;
      }
      delivered.push(attempt.message.id);
      if (attempt.message.id === update) updateDelivered.resolve();
    });
    const draining = worker.drain();
    await slowStarted.promise;

    update = await queue("incident:1", post(1));
    worker.kick();
    // Would never resolve (the test times out) if the update waited for the invite.
    await updateDelivered.promise;
    expect(delivered).toEqual([update]);

    releaseSlow.resolve();
    expect(await draining).toBe(2);
    expect(delivered).toEqual([update, slow]);
    await worker.stop();
  });

  it("never delivers a lane in two passes at once, and keeps its order", async () => {
    const first = await queue("incident:1", post(1));
    const firstStarted = deferred();
    const releaseFirst = deferred();
    const delivered: number[] = [];
    let inFlight = 0;
    let most = 0;
    const worker = workerWith(async (_intent, attempt) => {
      inFlight++;
      most = Math.max(most, inFlight);
      if (attempt.message.id === first) {
        firstStarted.resolve();
        await releaseFirst.promise;
      }
      delivered.push(attempt.message.id);
      inFlight--;
    });
    const draining = worker.drain();
    await firstStarted.promise;
    const second = await queue("incident:1", post(1));
    const other = await queue("incident:2", post(2));
    worker.kick();
    worker.kick();
    // The other lane goes in an extra pass; the busy lane is left to the pass delivering it.
    await expect.poll(() => delivered).toEqual([other]);
    releaseFirst.resolve();
    await draining;
    expect(delivered).toEqual([other, first, second]);
    expect(most).toBe(2);
    await worker.stop();
  });
});
