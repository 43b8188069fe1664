// What the hot-path statements sent straight to the connection (src/db/direct.ts) promise on
// both stores: rolled back with their transaction, a duplicate key reported as Prisma reports
// it, and never sent straight to the connection once the transaction is over (on PostgreSQL it
// is back in the pool, maybe in someone else's transaction by then). Each store counts what it
// sends straight to the connection: should the connection no longer be found (a Prisma
// upgrade), the statements would silently go through Prisma, still correct, and only the count
// tells. What only one store does is tested in sqlite-direct.test.ts and pg-direct.test.ts.
import { describe, expect, it } from "vitest";
import { Prisma, type Tx } from "../../src/db/client.ts";
import { executeRaw, statementsSentDirect } from "../../src/db/direct.ts";
import { isConflict } from "../../src/db/repositories/store.ts";
import { transact } from "../../src/db/transaction.ts";
import { testedProviders } from "../support/databases.ts";
import { useTestDeps } from "../support/use-test-deps.ts";

const AT = new Date("2026-03-08T06:00:00.123Z");
const insert = (key: string) =>
  Prisma.sql`INSERT INTO "ProcessedRequest" ("key", "receivedAt", "response") VALUES (${key}, ${AT}, ${JSON.stringify({ n: 1 })})`;

/**
 * Starts watching the statements sent; the function it returns says whether any went straight
 * to the connection (each store counts those it sends: src/db/direct.ts statementsSentDirect).
 */
function watchDirect(): () => boolean {
  const before = statementsSentDirect();
  return () => statementsSentDirect() > before;
}

describe.each(testedProviders())("%s statements sent straight to the connection", (provider) => {
  const deps = useTestDeps(provider);
  const count = (key: string) => deps().database.db.processedRequest.count({ where: { key } });

  it("rolls back with the transaction, and reports a duplicate key as Prisma does", async () => {
    const { database } = deps();
    let wentDirect = () => false;
    await expect(
      transact(database, async (tx) => {
        wentDirect = watchDirect();
        await executeRaw(tx, insert("rolled-back"));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(wentDirect()).toBe(true);
    expect(await count("rolled-back")).toBe(0);

    await transact(database, (tx) => executeRaw(tx, insert("taken")));
    const duplicate = await transact(database, (tx) => {
      wentDirect = watchDirect();
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
    const wentDirect = watchDirect();
    await expect(executeRaw(over, insert("after-the-end"))).rejects.toThrow();
    expect(wentDirect()).toBe(false);
    expect(await count("after-the-end")).toBe(0);
  });

  it("goes through Prisma outside a transaction", async () => {
    const { db } = deps().database;
    const wentDirect = watchDirect();
    expect(await executeRaw(db, insert("no-transaction"))).toBe(1);
    expect(wentDirect()).toBe(false);
    expect(await count("no-transaction")).toBe(1);
  });
});
