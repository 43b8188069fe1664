// The statements every command makes, sent straight to SQLite in the transaction Prisma holds.
// A profile of `/incident update` (bench/profile-commands.ts) put over half of the bot's CPU
// in Prisma's client, about 0.2-0.7 ms per raw statement, while better-sqlite3 runs the same
// insert, prepared once, in a few microseconds; on SQLite every other command waits for that
// time, as one write transaction runs at a time. So inside a transaction (src/db/
// transaction.ts binds it) the plain-SQL hot-path statements go to the connection Prisma's
// transaction is open on: the same connection, the same transaction, committed or rolled back
// with everything else Prisma sends in it. Outside one, and on PostgreSQL, they go through
// Prisma as before. Values are stored the way Prisma's adapter stores them (dates as ISO text
// with +00:00, booleans as 0/1), and errors are reported in the shape Prisma gives raw-query
// errors, so unique violations and busy errors are recognised the same way (client.ts).
import type BetterSqlite3 from "better-sqlite3";
import type { Prisma } from "./generated/sqlite/client.ts";
import { rawQueryError } from "./raw-query-error.ts";

type Connection = BetterSqlite3.Database;
type Statement = BetterSqlite3.Statement;

/** What a transaction client offers for plain SQL (Prisma's Tx). */
interface RawCapable {
  $executeRaw(query: Prisma.Sql): Promise<number>;
  $queryRaw<T>(query: Prisma.Sql): Promise<T>;
}

interface Binding {
  connection: Connection;
  statements: Map<string, Statement>;
  /** After this instant the binding is not trusted: Prisma may have timed the transaction out. */
  trustUntil: number;
}

const bindings = new WeakMap<object, Binding>();
const cachesByConnection = new WeakMap<Connection, Map<string, Statement>>();
/** Prepared statements kept per connection: the hot path has a handful of distinct texts. */
const STATEMENT_CACHE_LIMIT = 200;

/** The statements prepared on `connection`, shared by every way of sending to it. */
function statementsOf(connection: Connection): Map<string, Statement> {
  let statements = cachesByConnection.get(connection);
  if (!statements) {
    statements = new Map();
    cachesByConnection.set(connection, statements);
  }
  return statements;
}

/**
 * Marks `tx` as a transaction open on `connection`, for `trustMs` at most (less than Prisma's
 * transaction timeout: a transaction Prisma rolled back must never get these writes). The
 * returned function ends the binding; call it when the transaction settles.
 */
export function bindDirect(tx: object, connection: Connection, trustMs: number): () => void {
  bindings.set(tx, { connection, statements: statementsOf(connection), trustUntil: Date.now() + trustMs });
  return () => bindings.delete(tx);
}

function liveBinding(tx: object): Binding | null {
  const binding = bindings.get(tx);
  if (!binding) return null;
  // Also guards against a transaction that ended under us (the connection says so).
  if (Date.now() > binding.trustUntil || !binding.connection.inTransaction) return null;
  return binding;
}

function prepared(binding: Binding, sql: string): Statement {
  let statement = binding.statements.get(sql);
  if (!statement) {
    if (binding.statements.size >= STATEMENT_CACHE_LIMIT) binding.statements.clear();
    statement = binding.connection.prepare(sql);
    binding.statements.set(sql, statement);
  }
  return statement;
}

/** A value as Prisma's better-sqlite3 adapter would bind it (its default timestamp format). */
function sqliteValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  return value;
}

/** A better-sqlite3 error as Prisma reports a raw query's (P2010 with the adapter's cause). */
function asPrismaError(error: unknown): unknown {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (typeof e?.code !== "string" || typeof e.message !== "string") return error;
  const fields = e.message
    .split("constraint failed: ")
    .at(1)
    ?.split(", ")
    .map((field) => field.split(".").pop() ?? field);
  const kind =
    e.code === "SQLITE_CONSTRAINT_UNIQUE" || e.code === "SQLITE_CONSTRAINT_PRIMARYKEY"
      ? "UniqueConstraintViolation"
      : e.code === "SQLITE_BUSY"
        ? "SocketTimeout"
        : null;
  if (!kind) return error;
  return rawQueryError(error, e.code, e.message, {
    kind,
    ...(fields && kind === "UniqueConstraintViolation" ? { constraint: { fields } } : {}),
  });
}

/**
 * Statements sent straight to the connection by this process. Only a test reads it: when the
 * connection is not found (the adapter no longer keeps it as `client` after a Prisma upgrade)
 * everything silently goes through Prisma, still correct but slower, and this count is how
 * test/integration/sqlite-direct.test.ts tells the direct path was really taken.
 */
let sentDirect = 0;

export function statementsSentDirect(): number {
  return sentDirect;
}

/** A statement's text and values: a Prisma.Sql, or one this module writes itself. */
type SqlText = Pick<Prisma.Sql, "sql" | "values">;

function run<T>(binding: Binding, query: SqlText, use: (statement: Statement, values: unknown[]) => T): T {
  sentDirect++;
  try {
    return use(prepared(binding, query.sql), query.values.map(sqliteValue));
  } catch (error) {
    throw asPrismaError(error);
  }
}

/** Runs a write; the rows it changed. */
const changesOf = (statement: Statement, values: unknown[]): number => statement.run(...values).changes;

/** `tx.$executeRaw(query)`, straight to SQLite inside a bound transaction. Rows changed. */
export async function executeRaw(tx: RawCapable, query: Prisma.Sql): Promise<number> {
  const binding = liveBinding(tx);
  if (!binding) return tx.$executeRaw(query);
  return run(binding, query, changesOf);
}

/** How Prisma's raw queries read a column of each declared type (its adapter's mapDeclType). */
type Reader = (value: unknown) => unknown;
// The adapter reads integers as bigints (it turns on safeIntegers).
const asDate: Reader = (v) =>
  typeof v === "string"
    ? new Date(v)
    : typeof v === "number" || typeof v === "bigint"
      ? new Date(Number(v))
      : v;
const asBoolean: Reader = (v) => (typeof v === "number" || typeof v === "bigint" ? Number(v) !== 0 : v);
const asJson: Reader = (v) => (typeof v === "string" ? JSON.parse(v) : v);
const READERS: Record<string, Reader> = {
  DATETIME: asDate,
  TIMESTAMP: asDate,
  BOOLEAN: asBoolean,
  JSONB: asJson,
};
/** Prisma gives the model's Int columns as numbers. */
const plainNumber: Reader = (v) => (typeof v === "bigint" && Number.isSafeInteger(Number(v)) ? Number(v) : v);
const readersByStatement = new WeakMap<Statement, { name: string; read: Reader | undefined }[]>();

/**
 * `tx.$queryRaw(query)` for a SELECT of table columns, straight to SQLite inside a bound
 * transaction: instants come back as Dates, booleans as booleans and JSON parsed, as Prisma
 * gives them (tested against the model query in test/integration/repositories.test.ts).
 */
export async function queryRawRows<T>(tx: RawCapable, query: Prisma.Sql): Promise<T[]> {
  const binding = liveBinding(tx);
  if (!binding) return tx.$queryRaw<T[]>(query);
  return readRows<T>(binding, query);
}

function readRows<T>(binding: Binding, query: Prisma.Sql): T[] {
  return run(binding, query, (statement, values) => {
    let columns = readersByStatement.get(statement);
    if (!columns) {
      columns = statement
        .columns()
        .map((c) => ({ name: c.name, read: READERS[(c.type ?? "").toUpperCase()] }));
      readersByStatement.set(statement, columns);
    }
    const readers = columns;
    return (statement.raw(true).all(...values) as unknown[][]).map((row) => {
      const out: Record<string, unknown> = {};
      readers.forEach(({ name, read }, i) => {
        const value = row[i];
        out[name] = value === null ? null : read ? read(value) : plainNumber(value);
      });
      return out as T;
    });
  });
}

/**
 * The rows of a write with RETURNING (or a query whose columns need no conversion: numbers and
 * text come back as SQLite has them, 64-bit integers as numbers).
 */
export async function queryRawPlain<T>(tx: RawCapable, query: Prisma.Sql): Promise<T[]> {
  const binding = liveBinding(tx);
  if (!binding) return tx.$queryRaw<T[]>(query);
  return run(binding, query, (statement, values) => statement.raw(false).all(...values) as T[]);
}

/**
 * Statements made outside any transaction (src/db/plain-statements.ts: the outbox worker's, and
 * the reads its deliveries make), straight to the connection when no transaction is open on it.
 * Through Prisma each is an interactive transaction of its own (src/db/sqlite-serialized.ts:
 * waiting for the connection, BEGIN, the raw query, COMMIT, about 0.5–1 ms of the event loop);
 * better-sqlite3 runs the statement synchronously, so when the connection is not inside a
 * transaction it runs alone and commits on its own, exactly what that wrapper guarantees. While
 * a transaction is open it would run inside it, so these return null then: the caller goes
 * through Prisma and waits its turn as before.
 */
const connections = new WeakMap<object, () => Connection | undefined>();

/** Notes the connection `db` (the client openDatabase returns) runs on, once it is open. */
export function noteConnection(db: object, connection: () => Connection | undefined): void {
  connections.set(db, connection);
}

function outsideBinding(db: object): Binding | null {
  const connection = connections.get(db)?.();
  if (!connection?.open || connection.inTransaction) return null;
  return { connection, statements: statementsOf(connection), trustUntil: Number.POSITIVE_INFINITY };
}

/** The rows of `query` read as Prisma's raw queries read them; null when it must go through Prisma. */
export function queryOutsideTransaction<T>(db: object, query: Prisma.Sql): T[] | null {
  const binding = outsideBinding(db);
  return binding ? readRows<T>(binding, query) : null;
}

/** The rows `query` changed; null when it must go through Prisma. */
export function executeOutsideTransaction(db: object, query: Prisma.Sql): number | null {
  const binding = outsideBinding(db);
  return binding ? run(binding, query, changesOf) : null;
}

/** What a transaction run straight on the connection sends: each statement runs at once. */
export interface DirectTransaction {
  /** The rows of `query`, read as Prisma's raw queries read them. */
  rows<T>(query: Prisma.Sql): T[];
  /** The rows `query` changed. */
  execute(query: Prisma.Sql): number;
}

const BEGIN: SqlText = { sql: "BEGIN IMMEDIATE", values: [] };
const COMMIT: SqlText = { sql: "COMMIT", values: [] };
const ROLLBACK: SqlText = { sql: "ROLLBACK", values: [] };

/**
 * `work` as one transaction straight on the connection `db` runs on, when no transaction is
 * open on it; null otherwise (the caller then goes through Prisma's interactive transaction and
 * waits its turn). The outbox worker's two transactions per delivery (a lane's lease with its
 * messages, and the settling write with the lease's release) went through Prisma: its BEGIN,
 * each raw query and COMMIT a hop of the event loop, about half a millisecond of CPU per raw
 * query, and the connection held across all of it, so every command's transaction waited for
 * the delivery. `work` is synchronous, so nothing else in the process reaches the connection
 * between BEGIN and COMMIT; what it throws rolls everything back and is thrown on.
 */
export function transactOutsideTransaction<T>(
  db: object,
  work: (tx: DirectTransaction) => T,
): { value: T } | null {
  const binding = outsideBinding(db);
  if (!binding) return null;
  const execute = (query: SqlText) => run(binding, query, changesOf);
  execute(BEGIN);
  try {
    const value = work({ rows: (query) => readRows(binding, query), execute });
    if (value instanceof Promise) throw new Error("a direct transaction's work must be synchronous");
    execute(COMMIT);
    return { value };
  } catch (error) {
    if (binding.connection.inTransaction) execute(ROLLBACK);
    throw error;
  }
}
