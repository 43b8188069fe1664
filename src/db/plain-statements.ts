// Plain SQL statements made on their own, outside any transaction, many times a minute: the
// outbox worker's (the lanes' heads, a lane's lease and messages, "being sent", delivered) and
// the lookups its deliveries make. Measured on the quiet 2-core VM, one such statement costs
// the bot's event loop about 1.1–1.8 ms as a Prisma model query, 0.55 ms as `$queryRaw` (its
// query compiler and adapter run for every call) and 0.11 ms sent straight to PostgreSQL's
// pool — CPU that every command's acknowledgement and every other delivery wait behind. So on
// PostgreSQL these go to the pool the client was opened on (src/db/pg-pool.ts), bound and read
// as src/db/pg-values.ts does for transactions (instants as Dates, JSON parsed, 64-bit integers
// as bigints, errors in Prisma's raw-query shape). On SQLite they go straight to the connection
// while no transaction is open on it (src/db/sqlite-direct.ts); then, and for a transaction's
// client, through Prisma's raw queries. Rows may then carry integers as bigints and instants
// as text, so callers read them through their own row mappers.
import type { Db, Prisma, Tx } from "./client.ts";
import { poolOf } from "./pg-pool.ts";
import { sendToPool } from "./pg-statements.ts";
import { executeOutsideTransaction, queryOutsideTransaction } from "./sqlite-direct.ts";

/** The rows of `query` (a SELECT, or a write with RETURNING). */
export async function plainRows<T>(db: Db | Tx, query: Prisma.Sql): Promise<T[]> {
  const pool = poolOf(db);
  const sent = pool ? await sendToPool(pool, query) : null;
  if (sent) return sent.rows as T[];
  return queryOutsideTransaction<T>(db, query) ?? db.$queryRaw<T[]>(query);
}

/** The rows `query` (a write) changed. */
export async function plainExecute(db: Db | Tx, query: Prisma.Sql): Promise<number> {
  const pool = poolOf(db);
  const sent = pool ? await sendToPool(pool, query) : null;
  if (sent) return sent.rowCount;
  return executeOutsideTransaction(db, query) ?? db.$executeRaw(query);
}
