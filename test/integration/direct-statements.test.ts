// What the hot-path statements sent straight to the connection (src/db/direct.ts) promise on
// both stores: rolled back with their transaction, a duplicate key reported as Prisma reports
// it, and never sent straight to the connection once the transaction is over (on PostgreSQL it
// is back in the pool, maybe in someone else's transaction by then). Each store's probe shows
// the direct path was really taken: should the connection no longer be found (a Prisma
// upgrade), the statements would silently go through Prisma, still correct, and only the probe
// tells. What only one store does is tested in sqlite-direct.test.ts and pg-direct.test.ts.
import { describe, expect, it } from "vitest";
import { Prisma, type Tx } from "../../src/db/client.ts";
import type { Provider } from "../../src/db/database-url.ts";
import { executeRaw } from "../../src/db/direct.ts";
import { isBoundToPostgres } from "../../src/db/pg-direct.ts";
import { isConflict } from "../../src/db/repositories/store.ts";
import { statementsSentDirect } from "../../src/db/sqlite-direct.ts";
import { transact } from "../../src/db/transaction.ts";
import { testedProviders } from "../support/databases.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

const AT = new Date("2026-03-08T06:00:00.123Z");
const insert = (key: string) =>
  Prisma.sql`INSERT INTO "ProcessedRequest" ("key", "receivedAt", "response") VALUES (${key}, ${AT}, ${JSON.stringify({ n: 1 })})`;

/**
 * Starts watching the statements sent for `tx`; the function it returns says whether they went
 * straight to the connection.
 */
type DirectProbe = (tx: object) => () => boolean;

const probes: Record<Provider, DirectProbe> = {
  // SQLite counts the statements it sends straight to the connection.
  sqlite: () => {
    const before = statementsSentDirect();
    return () => statementsSentDirect() > before;
  },
  // PostgreSQL sends straight what is bound to the transaction's connection (pg-direct.test.ts
  // shows a bound transaction's statements run in the transaction Prisma opened).
  postgresql: (tx) => {
    const bound = isBoundToPostgres(tx);
    return () => bound;
  },
};

describe.each(testedProviders())("%s statements sent straight to the connection", (provider) => {
  const deps = useTestDeps(provider);
  const watchDirect = probes[provider];
  const count = (key: string) => deps().database.db.processedRequest.count({ where: { key } });

  it("rolls back with the transaction, and reports a duplicate key as Prisma does", async () => {
    const { database } = deps();
    let wentDirect = () => false;
    await expect(
      transact(database, async (tx) => {
        wentDirect = watchDirect(tx);
        await executeRaw(tx, insert("rolled-back"));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(wentDirect()).toBe(true);
    expect(await count("rolled-back")).toBe(0);

    await transact(database, (tx) => executeRaw(tx, insert("taken")));
    const duplicate = await transact(database, (tx) => {
      wentDirect = watchDirect(tx);
      return executeRaw(tx, insert("taken"));
    }).catch((e) => e);
    expect(wentDirect()).toBe(true);
    expect(isConflict(duplicate, "key")).toBe(true);
    const viaPrisma = await transact(database, (tx) => tx.$executeRaw(insert("taken"))).catch((e) => e);
    expect(isConflict(viaPrisma, "key")).toBe(true);
  });

  it("goes through Prisma once its transaction is over, which refuses it", async () => {
    let leftover: Tx | null = null;
    await transact(deps().database, async (tx) => {
      leftover = tx;
    });
    const over = leftover as unknown as Tx;
    const wentDirect = watchDirect(over);
    await expect(executeRaw(over, insert("after-the-end"))).rejects.toThrow();
    expect(wentDirect()).toBe(false);
    expect(await count("after-the-end")).toBe(0);
  });

  it("goes through Prisma outside a transaction", async () => {
    const { db } = deps().database;
    const wentDirect = watchDirect(db);
    expect(await executeRaw(db, insert("no-transaction"))).toBe(1);
    expect(wentDirect()).toBe(false);
    expect(await count("no-transaction")).toBe(1);
  });
});
