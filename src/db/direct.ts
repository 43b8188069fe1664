// The hot-path statements' way to the database: straight to the connection a bound
// transaction is open on (src/db/pg-direct.ts on PostgreSQL, src/db/sqlite-direct.ts on
// SQLite), otherwise through Prisma. Repositories call these instead of tx.$executeRaw /
// tx.$queryRaw for the statements every command makes; the results are the same either way
// (test/integration/direct-statements.test.ts, sqlite-direct.test.ts, pg-direct.test.ts).
import { Prisma as Sql } from "./generated/sqlite/client.ts";
import { lockBound, type PutOffOptions, putOff, queryBound } from "./pg-direct.ts";
import { pgStatementsSentDirect } from "./pg-statements.ts";
import * as sqlite from "./sqlite-direct.ts";

type RawCapable = Parameters<typeof sqlite.executeRaw>[0];

/** `tx.$executeRaw(query)`: rows changed. */
export async function executeRaw(tx: RawCapable, query: Sql.Sql): Promise<number> {
  const bound = await queryBound(tx, query);
  return bound ? bound.rowCount : sqlite.executeRaw(tx, query);
}

/** `tx.$queryRaw(query)` for a SELECT of table columns, read as Prisma reads them. */
export async function queryRawRows<T>(tx: RawCapable, query: Sql.Sql): Promise<T[]> {
  const bound = await queryBound(tx, query);
  return bound ? (bound.rows as T[]) : sqlite.queryRawRows<T>(tx, query);
}

/**
 * The rows of `lock`, a `SELECT <columns> FROM table WHERE "id" = id FOR UPDATE` (or SQLite's
 * plain SELECT): on a bound PostgreSQL transaction it may be read from a put-off UPDATE of that
 * row instead, as its `RETURNING <columns>`, in the statement that carries it, or without a
 * statement when the transaction holds the row locked already (src/db/pg-direct.ts
 * `lockBound`). The columns are listed, not `*`, so the statement can be prepared once per
 * connection (pg-statements.ts `preparedName`).
 */
export async function queryLockedRow<T>(
  tx: RawCapable,
  table: string,
  id: number,
  lock: { query: Sql.Sql; columns: Sql.Sql },
): Promise<T[]> {
  const bound = await lockBound(tx, table, id, lock.query, lock.columns);
  return bound ? (bound.rows as T[]) : sqlite.queryRawRows<T>(tx, lock.query);
}

/** The rows of a write with RETURNING (numbers and text as the store has them). */
export async function queryRawPlain<T>(tx: RawCapable, query: Sql.Sql): Promise<T[]> {
  const bound = await queryBound(tx, query);
  return bound ? (bound.rows as T[]) : sqlite.queryRawPlain<T>(tx, query);
}

/**
 * A write whose outcome the caller does not need: on a bound PostgreSQL transaction it goes
 * with the transaction's next statement (src/db/pg-direct.ts `putOff`), otherwise now.
 * `table` is the one table it writes; `options` the `name AS (…)` clauses it reads, if any,
 * and the row it updates when it is an UPDATE of one row by id.
 */
export async function executeLater(
  tx: RawCapable,
  table: string,
  query: Sql.Sql,
  options: PutOffOptions = {},
): Promise<void> {
  if (putOff(tx, table, query, options)) return;
  const ctes = options.ctes ?? [];
  await executeRaw(tx, ctes.length ? Sql.sql`WITH ${Sql.join(ctes, ", ")} ${query}` : query);
}

// What is still put off is sent when a transaction's work is done (src/db/transaction.ts), and
// an INSERT whose id the caller needs can be put off with an id drawn ahead (null where ids
// are not drawn: insert with RETURNING instead). Both only do anything on PostgreSQL.
export { drawId, flushPutOff as sendPutOff } from "./pg-direct.ts";

/**
 * Statements this process sent straight to a connection, on either store. Tests read it: should
 * the connection no longer be found (a Prisma upgrade), everything would silently go through
 * Prisma, still correct but slower, and only this count tells.
 */
export function statementsSentDirect(): number {
  return pgStatementsSentDirect() + sqlite.statementsSentDirect();
}
