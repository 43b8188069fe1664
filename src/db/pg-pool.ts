import pg from "pg";
import { holdBegins } from "./pg-held-begin.ts";

/**
 * A pg.Pool whose results report PostgreSQL `name` (OID 19) and `"char"` (OID 18) columns as
 * `text` (25).
 *
 * Why: Prisma 6.19's WASM schema engine cannot deserialise `name` columns that its own
 * catalogue queries return (upstream prisma/orm#27403; `db pull` hits the same with "char"), so every migrate command fails on
 * PostgreSQL without this. The values are plain strings either way; only the reported type
 * changes. The application's own queries never select `name` columns, so it is harmless there.
 */
export function createPgPool(connectionString: string, max = 10, idleTimeoutMillis = 10_000): pg.Pool {
  // Pipelined: a statement is written without waiting for the answer to the one before it on
  // the same connection. Everything the bot sends waits for its answer anyway, except a
  // transaction's held BEGIN, which goes in one write with the statement after it (pg-held-begin.ts).
  const pool = new pg.Pool({
    connectionString,
    max,
    idleTimeoutMillis,
    allowExitOnIdle: true,
    pipeline: true,
  });
  holdBegins(pool);
  // An idle connection that the server drops (restart, failover) emits "error" on the pool;
  // unhandled, that would crash the process. pg discards the client and reconnects on demand.
  pool.on("error", () => {});
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: pg.Pool#query has many overloads; we only post-process results.
  (pool as any).query = async (...args: unknown[]) => {
    const result = (await query(...args)) as { fields?: { dataTypeID: number }[] } | undefined;
    for (const field of result?.fields ?? []) {
      if (field.dataTypeID === 19 || field.dataTypeID === 18) field.dataTypeID = 25;
    }
    return result;
  };
  return pool;
}

/** The pool each PostgreSQL client was opened on (client.ts). */
const pools = new WeakMap<object, pg.Pool>();

/** Notes that `client` (a Prisma client) sends its statements through `pool`. */
export function notePool(client: object, pool: pg.Pool): void {
  pools.set(client, pool);
}

/**
 * The pool `client` was opened on, for a large read that goes straight to it; undefined for a
 * transaction's client (its statements belong on its own connection) or a SQLite one.
 */
export function poolOf(client: object): pg.Pool | undefined {
  return pools.get(client);
}
