// The hot-path writes that go straight to SQLite inside a transaction (src/db/sqlite-direct.ts)
// must behave exactly like the same SQL sent through Prisma: stored the same way and committed
// with the transaction. And on SQLite they really go straight: should the connection no longer
// be found (a Prisma upgrade), they would silently go through Prisma, still correct, so only the
// count of statements sent direct tells. What both stores promise (rolled back with the
// transaction, a duplicate key as Prisma reports it, never sent straight to the connection once
// the transaction is over) is tested for both in direct-statements.test.ts.
import { describe, expect, it } from "vitest";
import { Prisma } from "../../src/db/client.ts";
import { plainExecute, plainRows } from "../../src/db/plain-statements.ts";
import { createStore } from "../../src/db/repositories/store.ts";
import {
  executeRaw,
  queryRawPlain,
  queryRawRows,
  statementsSentDirect,
  transactOutsideTransaction,
} from "../../src/db/sqlite-direct.ts";
import { transact } from "../../src/db/transaction.ts";
import { deferred } from "../support/deferred.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

const AT = new Date("2026-03-08T06:00:00.123Z");
const insert = (key: string) =>
  Prisma.sql`INSERT INTO "ProcessedRequest" ("key", "receivedAt", "response") VALUES (${key}, ${AT}, ${JSON.stringify({ n: 1 })})`;

describe("SQLite writes sent straight to the connection", () => {
  const deps = useTestDeps("sqlite");

  /** How many statements `work` sent straight to the connection. */
  async function sentDirectBy(work: () => Promise<unknown>): Promise<number> {
    const before = statementsSentDirect();
    await work();
    return statementsSentDirect() - before;
  }

  /**
   * A Prisma transaction open on the connection, having written `key`, that throws (and so rolls
   * back) once released; resolves once it is open. `failing` gives its error's message.
   */
  async function holdFailingTransaction(key: string) {
    const held = deferred();
    const inside = deferred();
    const failing = deps()
      .database.db.$transaction(async (tx) => {
        await tx.$executeRaw(insert(key));
        inside.resolve();
        await held.promise;
        throw new Error("rolled back on purpose");
      })
      .catch((error: Error) => error.message);
    await inside.promise;
    return { failing, release: () => held.resolve() };
  }

  const stored = (key: string) =>
    deps().database.db.$queryRaw<{ raw: string; response: string }[]>`
      SELECT "receivedAt" || '' AS raw, "response" || '' AS response FROM "ProcessedRequest" WHERE "key" = ${key}`;

  it("stores values as Prisma does and commits with the transaction", async () => {
    await transact(deps().database, async (tx) => {
      await executeRaw(tx, insert("direct"));
      await tx.$executeRaw(insert("through-prisma"));
    });
    expect(await stored("direct")).toEqual(await stored("through-prisma"));
    expect(await deps().database.db.processedRequest.findUnique({ where: { key: "direct" } })).toEqual({
      key: "direct",
      receivedAt: AT,
      response: { n: 1 },
    });
  });

  it("returns the rows of a write with RETURNING", async () => {
    const rows = await transact(deps().database, (tx) =>
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
      transact(deps().database, async (tx) => {
        await executeRaw(tx, insert("sent-direct"));
        expect(await queryRawRows(tx, read)).toEqual([{ key: "sent-direct", receivedAt: AT }]);
        expect(await queryRawPlain(tx, read)).toHaveLength(1);
      }),
    );
    expect(sent).toBe(3);
  });

  it("sends a repository's hot-path write in a Store transaction straight to the connection", async () => {
    const store = createStore(deps().database);
    const sent = await sentDirectBy(() =>
      store.transaction((repos) => repos.requests.record("store-direct", AT, { n: 2 })),
    );
    expect(sent).toBe(1);
    expect(await stored("store-direct")).toHaveLength(1);
  });

  it("sends a statement made outside any transaction straight to the connection, as Prisma's raw query reads it", async () => {
    const { db } = deps().database;
    expect(await sentDirectBy(() => plainExecute(db, insert("outside")))).toBe(1);
    const read = Prisma.sql`SELECT "key", "receivedAt", "response" FROM "ProcessedRequest" WHERE "key" = ${"outside"}`;
    let rows: unknown[] = [];
    expect(await sentDirectBy(async () => (rows = await plainRows(db, read)))).toBe(1);
    expect(rows).toEqual(await db.$queryRaw(read));
    expect(rows).toEqual([{ key: "outside", receivedAt: AT, response: { n: 1 } }]);
  });

  it("never runs a statement made outside a transaction inside one that is open: it waits its turn", async () => {
    const { db } = deps().database;
    const { failing, release } = await holdFailingTransaction("rolled-back");
    const before = statementsSentDirect();
    const write = plainExecute(db, insert("own-transaction"));
    const count = plainRows<{ n: number | bigint }>(
      db,
      Prisma.sql`SELECT COUNT(*) AS n FROM "ProcessedRequest" WHERE "key" = ${"rolled-back"}`,
    );
    // Made while the transaction is open: through Prisma, queued behind it, not on its connection.
    expect(statementsSentDirect()).toBe(before);
    release();
    expect(await failing).toBe("rolled back on purpose");
    expect(await write).toBe(1);
    // Neither saw the rolled-back row nor went down with it.
    expect((await count).map((row) => Number(row.n))).toEqual([0]);
    const kept = await db.processedRequest.findMany({
      where: { key: { in: ["rolled-back", "own-transaction"] } },
    });
    expect(kept.map((r) => r.key)).toEqual(["own-transaction"]);
  });

  const keysStored = async (keys: string[]) =>
    (
      await deps().database.db.processedRequest.findMany({
        where: { key: { in: keys } },
        orderBy: { key: "asc" },
      })
    ).map((r) => r.key);

  it("runs the outbox's transactions straight on the free connection, committed as one", async () => {
    const { db } = deps().database;
    const read = Prisma.sql`SELECT "key", "receivedAt", "response" FROM "ProcessedRequest" WHERE "key" = ${"tx-a"}`;
    let result: { value: unknown } | null = null;
    const sent = await sentDirectBy(async () => {
      result = transactOutsideTransaction(db, (tx) => {
        expect(tx.execute(insert("tx-a"))).toBe(1);
        expect(tx.execute(insert("tx-b"))).toBe(1);
        // Read as Prisma's raw queries read it, and inside the transaction: its own write shows.
        return tx.rows(read);
      });
    });
    expect(result).toEqual({ value: [{ key: "tx-a", receivedAt: AT, response: { n: 1 } }] });
    expect(sent).toBe(5); // BEGIN, two inserts, the read, COMMIT
    expect(await keysStored(["tx-a", "tx-b"])).toEqual(["tx-a", "tx-b"]);
  });

  it("rolls back all of a direct transaction when its work throws, and throws on", async () => {
    const { db } = deps().database;
    expect(() =>
      transactOutsideTransaction(db, (tx) => {
        tx.execute(insert("undone-1"));
        tx.execute(insert("undone-1")); // a duplicate key: the transaction's second statement fails
      }),
    ).toThrow(expect.objectContaining({ code: "P2010" }));
    expect(() =>
      transactOutsideTransaction(db, (tx) => {
        tx.execute(insert("undone-2"));
        throw new Error("given up");
      }),
    ).toThrow("given up");
    // Work that is not synchronous would let other statements in between: refused, rolled back.
    expect(() =>
      transactOutsideTransaction(db, async (tx) => {
        tx.execute(insert("undone-3"));
      }),
    ).toThrow("must be synchronous");
    expect(await keysStored(["undone-1", "undone-2", "undone-3"])).toEqual([]);
    // The connection is left outside any transaction: the next one runs direct again.
    expect(transactOutsideTransaction(db, (tx) => tx.execute(insert("after")))).toEqual({ value: 1 });
    expect(await keysStored(["after"])).toEqual(["after"]);
  });

  it("runs no direct transaction while another is open on the connection: the caller goes through Prisma", async () => {
    const { db } = deps().database;
    const { failing, release } = await holdFailingTransaction("holder");
    let ran = false;
    expect(
      transactOutsideTransaction(db, () => {
        ran = true;
      }),
    ).toBeNull();
    expect(ran).toBe(false);
    release();
    expect(await failing).toBe("rolled back on purpose");
    expect(await keysStored(["holder"])).toEqual([]);
  });
});
