// Which database errors pass on their own: the connection dropped (restart, failover), the pool
// or the server was full, a lock or write conflict lost a race, SQLite was busy. Work that
// failed with one of these is retried; any other error is a defect or bad data and is not.

/** Prisma error codes for connection, timeout, pool and conflict failures. */
const TRANSIENT_PRISMA_CODES = new Set([
  "P1001", // database not reachable
  "P1002", // database reached but timed out
  "P1008", // operation timed out (also SQLITE_BUSY through the better-sqlite3 adapter)
  "P1017", // server closed the connection
  "P2024", // timed out waiting for a connection from the pool
  "P2028", // transaction API error (e.g. the transaction timed out waiting)
  "P2034", // write conflict or deadlock: retry the transaction
  "P2037", // too many database connections
]);

/** Driver adapter error kinds (raw queries report them under P2010). */
const TRANSIENT_ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TransactionWriteConflict",
]);

/**
 * PostgreSQL SQLSTATE classes and codes: 08 connection exception, 40 transaction rollback
 * (serialization failure, deadlock), 53 insufficient resources, 57P01-57P03 shutdown and
 * start-up, 55P03 lock not available.
 */
const TRANSIENT_SQLSTATE = /^(08|40|53)|^57P0[123]$|^55P03$/;

/** Errors of the pg driver itself, before any SQL reached the server. */
const TRANSIENT_SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND"]);
const TRANSIENT_DRIVER_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|database is locked/i;

interface ErrorLike {
  name?: string;
  code?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
}

function isTransientOne(error: ErrorLike): boolean {
  if (error.name === "PrismaClientInitializationError") return true;
  if (typeof error.code === "string") {
    if (TRANSIENT_PRISMA_CODES.has(error.code) || TRANSIENT_SOCKET_CODES.has(error.code)) return true;
    // A driver adapter's PostgreSQL error carries its SQLSTATE as `code` next to kind "postgres".
    if (error.kind === "postgres" && TRANSIENT_SQLSTATE.test(error.code)) return true;
  }
  if (typeof error.kind === "string" && TRANSIENT_ADAPTER_KINDS.has(error.kind)) return true;
  return typeof error.message === "string" && TRANSIENT_DRIVER_MESSAGES.test(error.message);
}

/** True when `error` (or what it wraps) is a database failure that a later attempt may not meet. */
export function isTransientDatabaseError(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length) {
    const next = pending.pop();
    if (!next || typeof next !== "object" || seen.has(next)) continue;
    seen.add(next);
    const e = next as ErrorLike;
    if (isTransientOne(e)) return true;
    pending.push(e.cause, e.meta?.driverAdapterError);
  }
  return false;
}
