// On PostgreSQL a transaction's BEGIN goes in one write with its first statement instead of a
// round trip of its own (src/db/pg-held-begin.ts). What must not change: everything the
// transaction does is inside it (rolled back with it), and a connection goes back to the pool
// outside any transaction, also when the transaction sent nothing.
import net from "node:net";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Database, openDatabase, Prisma } from "../../src/db/client.ts";
import { executeRaw } from "../../src/db/direct.ts";
import { incidentsRepository } from "../../src/db/repositories/incidents.ts";
import { transact } from "../../src/db/transaction.ts";
import { createTestDatabase, type TestDatabase, testedProviders } from "../support/databases.ts";
import { bareIncidentRow } from "../support/integration-incident.ts";

const AT = new Date("2026-03-08T06:00:00.000Z");
const insert = (key: string) =>
  Prisma.sql`INSERT INTO "ProcessedRequest" ("key", "receivedAt", "response") VALUES (${key}, ${AT}, ${"{}"})`;

/** The socket writes this process makes while `work` runs (only the database's one connection writes then). */
async function writesDuring<T>(work: () => Promise<T>): Promise<{ value: T; writes: number }> {
  const socket = net.Socket.prototype as unknown as Record<
    "_write" | "_writev",
    (...args: unknown[]) => unknown
  >;
  const originals = { _write: socket._write, _writev: socket._writev };
  let writes = 0;
  for (const name of ["_write", "_writev"] as const) {
    const original = originals[name];
    socket[name] = function (this: unknown, ...args: unknown[]) {
      writes++;
      return original.apply(this, args);
    };
  }
  try {
    const value = await work();
    return { value, writes };
  } finally {
    Object.assign(socket, originals);
  }
}

describe.each(testedProviders().filter((p) => p === "postgresql"))(
  "%s BEGIN held for the first statement",
  () => {
    let testDatabase: TestDatabase;
    let database: Database;
    // Another connection, to see what the bot's connection has committed.
    let observer: pg.Client;
    beforeAll(async () => {
      testDatabase = await createTestDatabase("postgresql");
      observer = new pg.Client({ connectionString: testDatabase.url });
      await observer.connect();
    });
    afterAll(async () => {
      await observer.end();
      await testDatabase.drop();
    });
    beforeEach(async () => {
      // One connection: every transaction and statement below runs on it, in turn.
      database = await openDatabase(testDatabase.url, { poolSize: 1 });
    });
    afterEach(async () => {
      await database.close();
    });

    const committed = async (key: string) =>
      (await observer.query(`SELECT 1 FROM "ProcessedRequest" WHERE "key" = $1`, [key])).rowCount;

    it("writes BEGIN and the first statement together: a lock and its COMMIT are two writes", async () => {
      const { id } = await database.db.incident.create({ data: bareIncidentRow(1, "Held", AT) });
      const lock = () => transact(database, (tx) => incidentsRepository(tx, "postgresql").lock(id));
      await lock(); // the lock statement is prepared on the connection from here on
      const { value, writes } = await writesDuring(lock);
      expect(value?.id).toBe(id);
      expect(writes).toBe(2);
    });

    it("keeps every statement inside the transaction: a failed one rolls back what it wrote", async () => {
      await expect(
        transact(database, async (tx) => {
          await executeRaw(tx, insert("direct"));
          await tx.$executeRaw(insert("through-prisma"));
          throw new Error("the work failed");
        }),
      ).rejects.toThrow("the work failed");
      expect(await committed("direct")).toBe(0);
      expect(await committed("through-prisma")).toBe(0);

      // Prisma's first statement carries the BEGIN as well as a direct one does.
      await expect(
        transact(database, async (tx) => {
          await tx.$executeRaw(insert("prisma-first"));
          throw new Error("the work failed");
        }),
      ).rejects.toThrow("the work failed");
      expect(await committed("prisma-first")).toBe(0);

      await transact(database, (tx) => executeRaw(tx, insert("kept")));
      expect(await committed("kept")).toBe(1);
    });

    it("sends nothing for a transaction that sent nothing, and leaves the connection outside any transaction", async () => {
      await database.db.$executeRaw`SELECT 1`; // the connection is open before counting
      const { value, writes } = await writesDuring(() => transact(database, async () => "nothing to do"));
      expect(value).toBe("nothing to do");
      expect(writes).toBe(0);
      await expect(transact(database, async () => Promise.reject(new Error("gave up")))).rejects.toThrow(
        "gave up",
      );

      // The same (only) connection: a statement of its own commits at once, seen from elsewhere.
      await database.db.$executeRaw(insert("autocommitted"));
      expect(await committed("autocommitted")).toBe(1);
      const [state] = await database.db.$queryRaw<{ inTransaction: boolean }[]>`
      SELECT now() <> statement_timestamp() AS "inTransaction"`;
      expect(state?.inTransaction).toBe(false);
    });
  },
);
