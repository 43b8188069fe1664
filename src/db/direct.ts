// The hot-path statements' way to the database: straight to the connection a bound
// transaction is open on (src/db/pg-direct.ts on PostgreSQL, src/db/sqlite-direct.ts on
// SQLite), otherwise through Prisma. Repositories call these instead of tx.$executeRaw /
// tx.$queryRaw for the statements every command makes; the results are the same either way
// (test/integration/direct-statements.test.ts).
import type { Prisma } from "./generated/sqlite/client.ts";
import { queryBound } from "./pg-direct.ts";
import * as sqlite from "./sqlite-direct.ts";

type RawCapable = Parameters<typeof sqlite.executeRaw>[0];

/** `tx.$executeRaw(query)`: rows changed. */
export async function executeRaw(tx: RawCapable, query: Prisma.Sql): Promise<number> {
  const bound = await queryBound(tx, query);
  return bound ? bound.rowCount : sqlite.executeRaw(tx, query);
}

/** `tx.$queryRaw(query)` for a SELECT of table columns, read as Prisma reads them. */
export async function queryRawRows<T>(tx: RawCapable, query: Prisma.Sql): Promise<T[]> {
  const bound = await queryBound(tx, query);
  return bound ? (bound.rows as T[]) : sqlite.queryRawRows<T>(tx, query);
}

/** The rows of a write with RETURNING (numbers and text as the store has them). */
export async function queryRawPlain<T>(tx: RawCapable, query: Prisma.Sql): Promise<T[]> {
  const bound = await queryBound(tx, query);
  return bound ? (bound.rows as T[]) : sqlite.queryRawPlain<T>(tx, query);
}
