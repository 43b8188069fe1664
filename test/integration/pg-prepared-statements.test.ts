// On PostgreSQL the bot's own statements go as named prepared statements, parsed once per
// connection (src/db/pg-direct.ts `preparedName`), except those whose result expands `*`: a
// prepared statement whose result columns change fails ("cached plan must not change result
// type"), and migrations add columns while replicas of the previous release still run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase, Prisma } from "../../src/db/client.ts";
import { queryRawPlain, queryRawRows } from "../../src/db/direct.ts";
import { incidentsRepository } from "../../src/db/repositories/incidents.ts";
import { transact } from "../../src/db/transaction.ts";
import { createTestDatabase, type TestDatabase, testedProviders } from "../support/databases.ts";
import { bareIncidentRow } from "../support/integration-incident.ts";

const AT = new Date("2026-03-08T06:00:00.000Z");
const incidentData = (number: number) => bareIncidentRow(number, `Prepared ${number}`, AT);

/** The statements this connection has prepared (one connection: the pool has one). */
async function preparedOn(database: Database): Promise<string[]> {
  return transact(database, async (tx) => {
    const rows = await queryRawPlain<{ statement: string }>(
      tx,
      Prisma.sql`SELECT "statement" FROM pg_prepared_statements WHERE NOT "from_sql"`,
    );
    return rows.map((row) => row.statement);
  });
}

/**
 * Two changes to one incident in one transaction (a lock, the count put off, the lock again,
 * read as held), then a transaction whose lock is read from the put-off UPDATE's RETURNING.
 * The update count each lock saw.
 */
async function changes(database: Database, id: number): Promise<(number | undefined)[]> {
  const grouped = await transact(database, async (tx) => {
    const incidents = incidentsRepository(tx, "postgresql");
    await incidents.lock(id);
    await incidents.countUpdate(id, AT);
    const locked = await incidents.lock(id);
    await incidents.countUpdate(id, AT);
    return locked?.updateCount;
  });
  const countedFirst = await transact(database, async (tx) => {
    const incidents = incidentsRepository(tx, "postgresql");
    await incidents.countUpdate(id, AT);
    return (await incidents.lock(id))?.updateCount;
  });
  return [grouped, countedFirst];
}

describe.each(testedProviders().filter((p) => p === "postgresql"))("%s prepared statements", () => {
  let testDatabase: TestDatabase;
  beforeAll(async () => {
    testDatabase = await createTestDatabase("postgresql");
  });
  afterAll(async () => {
    await testDatabase.drop();
  });

  it("prepares a change's lock and writes once per connection, and keeps running them after a column is added", async () => {
    const database = await openDatabase(testDatabase.url, { poolSize: 1 });
    try {
      const { id } = await database.db.incident.create({ data: incidentData(1) });
      expect(await changes(database, id)).toEqual([1, 3]);
      const prepared = await preparedOn(database);
      expect(prepared.some((s) => s.includes(`FROM "Incident" WHERE "id" = $1 FOR UPDATE`))).toBe(true);
      // The lock read from the put-off UPDATE, with the UPDATE carried as a CTE.
      expect(prepared.some((s) => /UPDATE "Incident"[\s\S]*RETURNING "id", "number"/.test(s))).toBe(true);

      // A statement expanding `*` goes unnamed.
      await transact(database, (tx) =>
        queryRawRows(tx, Prisma.sql`SELECT * FROM "Incident" WHERE "id" = ${id}`),
      );
      expect((await preparedOn(database)).filter((s) => /(SELECT|RETURNING)\s+\*/i.test(s))).toEqual([]);

      // What a later release's additive migration does while this one runs.
      await database.db.$executeRawUnsafe(
        `ALTER TABLE "Incident" ADD COLUMN "addedByALaterRelease" TEXT NOT NULL DEFAULT ''`,
      );
      expect(await changes(database, id)).toEqual([4, 6]);
      const stored = await database.db.incident.findUniqueOrThrow({ where: { id } });
      expect(stored.updateCount).toBe(6);
    } finally {
      await database.db.$executeRawUnsafe(
        `ALTER TABLE "Incident" DROP COLUMN IF EXISTS "addedByALaterRelease"`,
      );
      await database.close();
    }
  });

  it("sends everything unnamed when prepared statements are off (a pooler that does not keep them)", async () => {
    const database = await openDatabase(testDatabase.url, { poolSize: 1, preparedStatements: false });
    try {
      const { id } = await database.db.incident.create({ data: incidentData(2) });
      expect(await changes(database, id)).toEqual([1, 3]);
      expect(await preparedOn(database)).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
