// The statements every command makes, sent straight to the PostgreSQL connection Prisma's
// transaction holds. On PostgreSQL every change to one incident waits for the row lock the
// change before it holds (src/db/repositories/incidents.ts `lock`), and that lock is held for
// every statement after it: measured here, the same five statements cost ~0.2 ms each more
// through Prisma's client than through `pg` (2.0 vs 0.65 ms a transaction, quiet machine),
// and under a burst that CPU is also what every other request's statements queue behind on the
// one event loop. So inside a transaction (src/db/transaction.ts binds it) the plain-SQL
// hot-path statements go to the pool connection Prisma's transaction is open on: the same
// connection, the same transaction, committed or rolled back with everything Prisma sends in
// it. This file finds that connection and decides what goes when (writes put off until the
// next statement, locks read from them, ids drawn ahead); sending one statement is
// src/db/pg-statements.ts, binding values and reading rows as Prisma does src/db/pg-values.ts.
// The SQLite counterpart is src/db/sqlite-direct.ts.
import { AsyncLocalStorage } from "node:async_hooks";
import type pg from "pg";
import { Prisma } from "./generated/sqlite/client.ts";
import { InFlight } from "./pg-in-flight.ts";
import { LockedRows, type RowChange } from "./pg-locked-rows.ts";
import { corkForThisTurn } from "./pg-socket-cork.ts";
import { send } from "./pg-statements.ts";
import { boundValue, type StatementResult } from "./pg-values.ts";

/** The transaction being opened by this async context, filled in when its connection is known. */
interface Opening {
  client?: pg.PoolClient;
  /** Set when Prisma commits or rolls back: the connection goes back to the pool after that. */
  ended: boolean;
  /** Writes put off by putOff, in order, with the table each writes. */
  pending: PutOff[];
  /** Ids drawn ahead from this database's sequences (shared by its transactions; see drawId). */
  ids?: DrawnIds;
  /** Statements go as named prepared statements (see preparedName); false until `client` is known. */
  prepared: boolean;
  /** Put-off writes sent without waiting for their answers (sendPending), and the first failure. */
  inFlight: InFlight;
  /** Rows this transaction holds locked, as its put-off updates leave them (lockBound). */
  locked: LockedRows;
}

/** Per database: ids drawn from each table's sequence and not used yet, oldest first. */
type DrawnIds = Map<string, number[]>;

/** A write put off: its statement, the CTEs it reads (`name AS (…)`), the one table it writes. */
interface PutOff {
  table: string;
  query: Prisma.Sql;
  ctes: Prisma.Sql[];
  /** Set when it is an UPDATE of this one row of `table` by id, ending in its WHERE (see lockBound). */
  updatesRow?: number;
}

/** How a write is put off (putOff): the CTEs it reads, and the one row it updates, if that is all it does. */
export interface PutOffOptions {
  /** The `name AS (…)` clauses it reads (names unique to it). */
  ctes?: Prisma.Sql[];
  /**
   * The id of the one row of its table it updates: an `UPDATE … WHERE "id" = …` to which
   * a `RETURNING` list can be added, so a lock of that row can be read from it (lockBound).
   */
  updatesRow?: number;
  /**
   * With updatesRow: what the UPDATE does to the row, in JavaScript (src/db/pg-locked-rows.ts).
   * A lock of the row taken earlier in the transaction is then read again without a statement.
   */
  change?: RowChange;
}

interface Binding {
  opening: Opening & { client: pg.PoolClient };
  /** After this instant the binding is not trusted: Prisma may have timed the transaction out. */
  trustUntil: number;
}

const openings = new AsyncLocalStorage<Opening>();
const bindings = new WeakMap<object, Binding>();

/** What Prisma's pg adapter returns from startTransaction (its PgTransaction). */
interface AdapterQuery {
  sql: string;
}
interface AdapterTransaction {
  client?: unknown;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  queryRaw(query: AdapterQuery): Promise<unknown>;
  executeRaw(query: AdapterQuery): Promise<number>;
}
interface TransactionStarter {
  startTransaction(isolationLevel?: unknown): Promise<AdapterTransaction>;
}
interface AdapterFactory {
  connect(): Promise<unknown>;
}

/**
 * Lets transactions opened through `factory` (a PrismaPg) be bound: when Prisma starts one
 * inside `openTransaction`, the pool connection it runs on is noted, and marked ended before
 * Prisma commits or rolls back. The adapter keeps the connection as `client` (Prisma 6.19);
 * should a later version not, nothing is noted and every statement goes through Prisma.
 */
export function noteTransactionConnections(factory: AdapterFactory, options: { prepared: boolean }): void {
  const ids: DrawnIds = new Map();
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = (await connect()) as TransactionStarter;
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const transaction = await start(isolationLevel);
      const opening = openings.getStore();
      const client = transaction.client as pg.PoolClient | undefined;
      // Opened by openTransaction: its statements may go straight to this connection.
      const bound = opening && !opening.client && typeof client?.query === "function" ? opening : undefined;
      if (bound) {
        bound.client = client;
        bound.ids = ids;
        bound.prepared = options.prepared;
      }
      // Either ends the transaction and gives the connection back, once: below, a COMMIT or
      // ROLLBACK that failed ends it too, which Prisma then does not.
      let ended: Promise<void> | undefined;
      for (const end of ["commit", "rollback"] as const) {
        const settle = transaction[end].bind(transaction);
        transaction[end] = () => {
          if (bound) bound.ended = true;
          ended ??= settle();
          return ended;
        };
      }
      // A COMMIT or ROLLBACK that fails itself (a deferred constraint, a connection lost) ends
      // the transaction here: Prisma releases the connection only when its COMMIT succeeds, so
      // it would keep this one out of the pool for good, and a few such failures (a database
      // failover mid-burst) would leave the bot without connections. Every transaction, also
      // those the outbox opens with $transaction itself.
      const endOrRelease = async (sent: Promise<never>) => {
        try {
          return await sent;
        } catch (error) {
          await transaction.rollback();
          throw error;
        }
      };
      for (const send of ["queryRaw", "executeRaw"] as const) {
        const sendNow = transaction[send].bind(transaction) as (query: AdapterQuery) => Promise<never>;
        transaction[send] = async (query: AdapterQuery) => {
          const rollback = /^\s*ROLLBACK/i.test(query.sql);
          const commit = !rollback && /^\s*COMMIT/i.test(query.sql);
          if (!bound) return rollback || commit ? endOrRelease(sendNow(query)) : sendNow(query);
          // Whatever Prisma itself sends in a bound transaction (a model query, COMMIT) comes
          // after the writes put off so far, as if they had been sent when asked for, in the
          // same pipeline; its answer comes after theirs, and the first of them that failed is
          // its error. Not the COMMIT's: after a failure it answers ROLLBACK, which passes here,
          // and openTransaction reports the failure once Prisma is done. A rollback drops the
          // writes still put off.
          if (rollback) {
            bound.pending = [];
            return endOrRelease(sendNow(query));
          }
          sendPending(bound);
          // Answered after every write before it; openTransaction then reports their failure.
          if (commit) return endOrRelease(sendNow(query));
          bound.locked.forgetNamedIn(query.sql);
          return answered(bound, sendNow(query));
        };
      }
      return transaction;
    };
    return adapter;
  };
}

/** Runs `start`, which opens one Prisma transaction, so that `bindOpened` can find its connection. */
export function openTransaction<T>(start: () => Promise<T>): Promise<T> {
  const opening: Opening = {
    ended: false,
    pending: [],
    prepared: false,
    inFlight: new InFlight(),
    locked: new LockedRows(),
  };
  return openings.run(opening, async () => {
    let result: T;
    try {
      result = await start();
    } catch (error) {
      // A put-off write that failed aborted the transaction: whatever failed after it (a
      // statement refused in the aborted transaction) follows from it, so the caller gets the
      // write's own error (a duplicate key, a lost lock race).
      throw await opening.inFlight.cause(error);
    }
    // A write sent with the COMMIT failed: PostgreSQL rolled everything back (see above).
    await opening.inFlight.settle();
    return result;
  });
}

/**
 * Marks `tx` as the transaction opened by the enclosing `openTransaction`, for `trustMs` at
 * most (less than Prisma's transaction timeout). Returns what ends the binding.
 */
export function bindOpened(tx: object, trustMs: number): () => void {
  const opening = openings.getStore();
  if (!opening?.client || opening.ended) return () => {};
  bindings.set(tx, { opening: opening as Binding["opening"], trustUntil: Date.now() + trustMs });
  return () => bindings.delete(tx);
}

function liveOpening(tx: object): Binding["opening"] | null {
  const binding = bindings.get(tx);
  if (!binding || binding.opening.ended || Date.now() > binding.trustUntil) return null;
  return binding.opening;
}

/** True when statements for `tx` go straight to its PostgreSQL connection. */
export function isBoundToPostgres(tx: object): boolean {
  return liveOpening(tx) !== null;
}

/**
 * `main` with the put-off writes ahead of it as data-modifying CTEs: one statement, one round
 * trip. PostgreSQL runs each CTE exactly once, in the same snapshot as `main`, which therefore
 * does not see their rows; so only a statement that names none of their tables is joined to them.
 * The write at `returning.index` in `pending`, if any, returns `returning.columns` of its rows
 * (`put_off_<index>`).
 */
function withPending(
  pending: PutOff[],
  main: Prisma.Sql,
  returning?: { index: number; columns: Prisma.Sql },
): Prisma.Sql {
  // A data-modifying WITH must be at the top level, so the CTEs a write reads come first.
  const ctes = Prisma.join(
    [
      ...pending.flatMap((p) => p.ctes),
      ...pending.map(({ query }, i) => {
        const write = i === returning?.index ? Prisma.sql`${query} RETURNING ${returning.columns}` : query;
        return Prisma.sql`${Prisma.raw(`"put_off_${i}"`)} AS (${write})`;
      }),
    ],
    ", ",
  );
  const [head = "", ...rest] = main.strings;
  const leadingWith = /^\s*WITH\s/i;
  if (!leadingWith.test(head)) return Prisma.sql`WITH ${ctes} ${main}`;
  const listAfterWith = new Prisma.Sql([head.replace(leadingWith, ""), ...rest], main.values);
  return Prisma.sql`WITH ${ctes}, ${listAfterWith}`;
}

/**
 * Writes the put-off writes now, as one statement, without waiting for its answer: the
 * connection is pipelined, so what the transaction sends next is written behind it, and the
 * answer is awaited with the next one the transaction waits for (`answered`), at the latest
 * its COMMIT. One round trip per transaction instead of one per change in a group; and, the
 * socket corked for the rest of this turn, one write for all a group sends in it
 * (src/db/pg-socket-cork.ts).
 */
function sendPending(opening: Opening): void {
  if (!opening.client || !opening.pending.length) return;
  corkForThisTurn(opening.client);
  const pending = opening.pending;
  opening.pending = [];
  opening.inFlight.add(
    send(opening.client, withPending(pending, Prisma.sql`SELECT 1`), opening.prepared).then((flushed) => {
      // putOff takes only writes whose parameters this path binds.
      if (!flushed) throw new Error("a put-off write had a parameter only Prisma binds");
    }),
  );
}

/**
 * The answer to a statement of `opening`'s transaction, once every statement written before it
 * is answered too; when one of those failed, its failure (the cause: the transaction was
 * aborted from there on) instead of this statement's own outcome.
 */
async function answered<T>(opening: Opening, sent: Promise<T>): Promise<T> {
  try {
    const result = await sent;
    await opening.inFlight.settle();
    return result;
  } catch (error) {
    throw await opening.inFlight.cause(error);
  }
}

/**
 * The query's result straight from `tx`'s connection, or null when `tx` is not bound (or a
 * parameter is of a kind only Prisma binds): the caller then sends it through Prisma. Writes
 * put off by executeLater go with it when it names none of their tables, before it otherwise
 * (written ahead of it, not awaited apart).
 */
export async function queryBound(tx: object, query: Prisma.Sql): Promise<StatementResult | null> {
  const opening = liveOpening(tx);
  if (!opening) return null;
  const text = query.text;
  opening.locked.forgetNamedIn(text);
  if (!opening.pending.length) return answered(opening, send(opening.client, query, opening.prepared));
  if (opening.pending.some(({ table }) => text.includes(`"${table}"`))) {
    sendPending(opening);
    return answered(opening, send(opening.client, query, opening.prepared));
  }
  const joined = withPending(opening.pending, query);
  const result = await answered(opening, send(opening.client, joined, opening.prepared));
  if (result) opening.pending = [];
  return result;
}

/**
 * The row of `table` with this id, locked for the rest of the transaction by `lock` (a
 * `SELECT <columns> … FOR UPDATE` of it), straight from `tx`'s connection; null when `tx` is not bound
 * here (send `lock` through Prisma). When the only put-off write naming `table` is an UPDATE of
 * that same row (PutOffOptions.updatesRow), the row is read from that UPDATE's `RETURNING <columns>`
 * in the statement that carries the put-off writes: one round trip instead of two (the writes,
 * then the lock). The UPDATE returns the row as it now is and takes the row's lock.
 *
 * A row this transaction already holds locked, changed since only by put-off UPDATEs that say
 * what they do to it (PutOffOptions.change), is read without a statement
 * (src/db/pg-locked-rows.ts): in a group of changes to one incident
 * (src/db/transaction-groups.ts) only the first change's lock is a statement, and no change
 * waits for an answer from the database before the COMMIT.
 */
export async function lockBound(
  tx: object,
  table: string,
  id: number,
  lock: Prisma.Sql,
  columns: Prisma.Sql,
): Promise<StatementResult | null> {
  const opening = liveOpening(tx);
  if (!opening) return null;
  const held = opening.locked.read(table, id, columns.text);
  if (held) return { rows: held, rowCount: held.length };
  const result = (await lockFromPutOff(opening, table, id, columns)) ?? (await queryBound(tx, lock));
  if (result) opening.locked.remember(table, id, columns.text, result.rows);
  return result;
}

/** The row read from the put-off UPDATE of it (see lockBound); null when there is none to read it from. */
async function lockFromPutOff(
  opening: Binding["opening"],
  table: string,
  id: number,
  columns: Prisma.Sql,
): Promise<StatementResult | null> {
  const naming = opening.pending.filter((p) => names(p, table));
  const [update] = naming;
  if (naming.length !== 1 || update?.table !== table || update.updatesRow !== id) return null;
  const index = opening.pending.indexOf(update);
  const result = await answered(
    opening,
    send(
      opening.client,
      withPending(opening.pending, Prisma.sql`SELECT ${columns} FROM ${Prisma.raw(`"put_off_${index}"`)}`, {
        index,
        columns,
      }),
      opening.prepared,
    ),
  );
  if (result) opening.pending = [];
  return result;
}

/** Whether a put-off write's text (statement or CTEs) names `table`. */
function names(write: PutOff, table: string): boolean {
  return [write.query, ...write.ctes].some((part) => part.text.includes(`"${table}"`));
}

/**
 * Puts off a write whose outcome the caller does not need (rows changed, RETURNING) until the
 * next statement of the transaction, which carries it: on PostgreSQL every round trip after
 * the incident's row lock is taken is time every other change to the incident waits. False
 * when `tx` is not bound here (send it now instead). `table` is the one table it writes.
 * Its failure, if any, is reported by the next statement the transaction waits for, at the
 * latest its COMMIT, and rolls everything back.
 */
export function putOff(tx: object, table: string, query: Prisma.Sql, options: PutOffOptions = {}): boolean {
  const { ctes = [], updatesRow, change } = options;
  const opening = liveOpening(tx);
  const values = [...query.values, ...ctes.flatMap((cte) => cte.values)];
  if (!opening || values.some((value) => boundValue(value) === undefined)) return false;
  // A write that names a table one put off writes must see it (the CTEs of one statement share
  // its snapshot): those go first, written now in a statement of their own, unawaited.
  const text = [query, ...ctes].map((part) => part.text).join(" ");
  if (opening.pending.some((p) => text.includes(`"${p.table}"`))) sendPending(opening);
  opening.pending.push({ table, query, ctes, ...(updatesRow === undefined ? {} : { updatesRow }) });
  if (updatesRow === undefined) opening.locked.forgetTable(table);
  else opening.locked.updated(table, updatesRow, change);
  return true;
}

/**
 * Writes what is still put off for `tx` at the end of its work, unawaited: Prisma's COMMIT goes
 * right behind it and waits for both answers; a failure of these writes fails the commit, and
 * the transaction reports it as the work's (openTransaction).
 */
export function flushPutOff(tx: object): void {
  const binding = bindings.get(tx);
  if (binding) sendPending(binding.opening);
}

/** Ids drawn per round trip when a table's are used up. */
const IDS_PER_DRAW = 32;

/**
 * A fresh id for a row of `table` (its serial `id` column), so that an INSERT whose id the
 * caller needs can still be put off (putOff) instead of reading the id back under the lock.
 * Drawn from the table's sequence IDS_PER_DRAW at a time for the whole process (nextval never
 * rolls back, so an id is never given twice; an unused one is only a gap). Ids stay increasing
 * within a process; across replicas they interleave, which nothing orders by alone (the
 * timeline orders by when things happened, the id only breaking ties). Null when `tx` is not
 * bound here.
 */
export async function drawId(tx: object, table: string): Promise<number | null> {
  const opening = liveOpening(tx);
  if (!opening?.ids) return null;
  let drawn = opening.ids.get(table);
  if (!drawn?.length) {
    const result = await send(
      opening.client,
      Prisma.sql`SELECT nextval(pg_get_serial_sequence(${`"${table}"`}, 'id'))::int AS "id"
        FROM generate_series(1, ${IDS_PER_DRAW}::int)`,
      opening.prepared,
    );
    // Another transaction may have drawn meanwhile: keep both, in order.
    const fresh = (result?.rows ?? []).map((row) => Number(row.id));
    drawn = [...(opening.ids.get(table) ?? []), ...fresh].sort((a, b) => a - b);
    opening.ids.set(table, drawn);
  }
  return drawn.shift() ?? null;
}

/** How many writes are put off for `tx` (tests). */
export function putOffCount(tx: object): number {
  return bindings.get(tx)?.opening.pending.length ?? 0;
}
