// The hot-path writes that go straight to SQLite inside a transaction (src/db/sqlite-direct.ts)
// must behave exactly like the same SQL sent through Prisma: stored the same way, committed
// and rolled back with the transaction, conflicts reported the same way, and never sent
// straight to the connection once their transaction is over. And on SQLite they really go
// straight: should the connection no longer be found (a Prisma upgrade), they would silently
// go through Prisma, still correct, so only the count of statements sent direct tells.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase, Prisma, type Tx } from "../../src/db/client.ts";
import { createStore, isConflict } from "../../src/db/repositories/store.ts";
import { executeRaw, queryRawPlain, queryRawRows, statementsSentDirect } from "../../src/db/sqlite-direct.ts";
import { transact } from "../../src/db/transaction.ts";
import { createTestDatabase, type TestDatabase } from "../support/databases.ts";

const AT = new Date("2026-03-08T06:00:00.123Z");
const insert = (key: string) =>
  Prisma.sql`INSERT INTO "ProcessedRequest" ("key", "receivedAt", "response") VALUES (${key}, ${AT}, ${JSON.stringify({ n: 1 })})`;

describe("SQLite writes sent straight to the connection", () => {
  let test: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    test = await createTestDatabase("sqlite");
    database = await openDatabase(test.url);
  });
  afterAll(async () => {
    await database.close();
    await test.drop();
  });

  /** How many statements `work` sent straight to the connection. */
  async function sentDirectBy(work: () => Promise<unknown>): Promise<number> {
    const before = statementsSentDirect();
    await work();
    return statementsSentDirect() - before;
  }

  const stored = (key: string) =>
    database.db.$queryRaw<{ raw: string; response: string }[]>`
      SELECT "receivedAt" || '' AS raw, "response" || '' AS response FROM "ProcessedRequest" WHERE "key" = ${key}`;

  it("stores values as Prisma does and commits with the transaction", async () => {
    await transact(database, async (tx) => {
      await executeRaw(tx, insert("direct"));
      await tx.$executeRaw(insert("through-prisma"));
    });
    expect(await stored("direct")).toEqual(await stored("through-prisma"));
    expect(await database.db.processedRequest.findUnique({ where: { key: "direct" } })).toEqual({
      key: "direct",
      receivedAt: AT,
      response: { n: 1 },
    });
  });

  it("rolls back with the transaction, and reports a duplicate key as Prisma does", async () => {
    await expect(
      transact(database, async (tx) => {
        await executeRaw(tx, insert("rolled-back"));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await database.db.processedRequest.count({ where: { key: "rolled-back" } })).toBe(0);

    const duplicate = await transact(database, (tx) => executeRaw(tx, insert("direct"))).catch((e) => e);
    expect(isConflict(duplicate, "key")).toBe(true);
  });

  it("returns the rows of a write with RETURNING", async () => {
    const rows = await transact(database, (tx) =>
      queryRawPlain<{ key: string }>(
        tx,
        Prisma.sql`INSERT INTO "ProcessedRequest" ("key", "receivedAt") VALUES (${"returned"}, ${AT}) RETURNING "key"`,
      ),
    );
    expect(rows).toEqual([{ key: "returned" }]);
  });

  it("sends each hot-path statement of a transaction straight to the connection", async () => {
    const read = Prisma.sql`SELECT "key", "receivedAt" FROM "ProcessedRequest" WHERE "key" = ${"sent-direct"}`;
    const sent = await sentDirectBy(() =>
      transact(database, async (tx) => {
        await executeRaw(tx, insert("sent-direct"));
        expect(await queryRawRows(tx, read)).toEqual([{ key: "sent-direct", receivedAt: AT }]);
        expect(await queryRawPlain(tx, read)).toHaveLength(1);
      }),
    );
    expect(sent).toBe(3);
  });

  it("sends a repository's hot-path write in a Store transaction straight to the connection", async () => {
    const store = createStore(database);
    const sent = await sentDirectBy(() =>
      store.transaction((repos) => repos.requests.record("store-direct", AT, { n: 2 })),
    );
    expect(sent).toBe(1);
    expect(await stored("store-direct")).toHaveLength(1);
  });

  it("goes through Prisma once its transaction is over, which refuses it", async () => {
    let leftover: Tx | null = null;
    await transact(database, async (tx) => {
      leftover = tx;
    });
    const sent = await sentDirectBy(() =>
      expect(executeRaw(leftover as unknown as Tx, insert("after-the-end"))).rejects.toThrow(),
    );
    expect(sent).toBe(0);
    expect(await database.db.processedRequest.count({ where: { key: "after-the-end" } })).toBe(0);
  });

  it("goes through Prisma outside a transaction", async () => {
    const sent = await sentDirectBy(async () => {
      expect(await executeRaw(database.db, insert("no-transaction"))).toBe(1);
    });
    expect(sent).toBe(0);
    expect(await stored("no-transaction")).toHaveLength(1);
  });
});
