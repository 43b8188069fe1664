// "An outbox worker on a test database": the set-up the outbox worker tests share. Call it in a
// describe block: it opens a fresh database of `provider` before the block, empties the outbox
// table before each test (so every test sees only the rows it queued) and drops the database
// after. One simulated clock serves the whole block; tests move it themselves. Rows are written
// straight into the table, due now, so a test controls exactly what the worker finds.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { SimulatedClock } from "../../src/clock/clock.ts";
import { type Database, openDatabase } from "../../src/db/client.ts";
import type { Provider } from "../../src/db/database-url.ts";
import { outboxQueue } from "../../src/db/repositories/outbox.ts";
import { createLogger } from "../../src/log/logger.ts";
import type { DeliverFn } from "../../src/outbox/delivery.ts";
import { OutboxWorker, type OutboxWorkerOptions } from "../../src/outbox/worker.ts";
import { createTestDatabase, type TestDatabase } from "./databases.ts";

export interface OutboxWorkerDatabase {
  clock: SimulatedClock;
  /** The open database; `database.db` may be read only inside tests and hooks (it opens in beforeAll). */
  database: Pick<Database, "db">;
  /** Writes a pending row in `lane`, due now; returns its id. */
  queue(lane: string, payload: { kind: string; [field: string]: unknown }): Promise<number>;
  /** A worker over the outbox table, on the block's clock; `options` add to or replace the defaults. */
  workerWith(deliver: DeliverFn, options?: Partial<Omit<OutboxWorkerOptions, "deliver">>): OutboxWorker;
}

export function outboxWorkerOnTestDatabase(provider: Provider): OutboxWorkerDatabase {
  let testDatabase: TestDatabase | undefined;
  let opened: Database | undefined;
  const clock = new SimulatedClock(new Date("2026-03-08T06:00:00Z"));
  const logger = createLogger({ level: "error", format: "json", destination: { write: () => {} } });
  const database = {
    get db() {
      if (!opened) throw new Error("the outbox test database is open only inside tests and hooks");
      return opened.db;
    },
  };

  beforeAll(async () => {
    testDatabase = await createTestDatabase(provider);
    opened = await openDatabase(testDatabase.url);
  });
  beforeEach(async () => {
    await database.db.outboxMessage.deleteMany({});
  });
  afterAll(async () => {
    await opened?.close();
    await testDatabase?.drop();
  });

  return {
    clock,
    database,
    async queue(lane, payload) {
      const row = await database.db.outboxMessage.create({
        data: {
          lane,
          kind: payload.kind,
          // Payloads are plain JSON here; Prisma's input type cannot tell that from `unknown` fields.
          payload: payload as object,
          status: "pending",
          nextAttemptAt: clock.now(),
          createdAt: clock.now(),
        },
      });
      return row.id;
    },
    workerWith(deliver, options = {}) {
      return new OutboxWorker({
        queue: outboxQueue(database.db, provider),
        clock,
        logger,
        instanceId: "test-worker",
        deliver,
        ...options,
      });
    },
  };
}
