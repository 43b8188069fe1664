// One statement sent straight to PostgreSQL with `pg`, on a transaction's connection
// (src/db/pg-direct.ts) or on the pool for a statement of its own (src/db/plain-statements.ts):
// as a named prepared statement where that is safe, bound and read the way Prisma would
// (src/db/pg-values.ts).
import type pg from "pg";
import type { Prisma } from "./generated/sqlite/client.ts";
import { asPrismaError, boundValue, type StatementResult, typeParser } from "./pg-values.ts";

/**
 * Statements sent straight to a connection by this process. Only tests read it (through
 * src/db/direct.ts statementsSentDirect): a transaction can stay bound while its statements
 * stopped going direct, and only this count would tell.
 */
let sentDirect = 0;

export function pgStatementsSentDirect(): number {
  return sentDirect;
}

/**
 * Named prepared statements. An unnamed statement makes PostgreSQL parse, analyse and plan its
 * text on every run, and `pg` send that text every time (an update's one statement carries its
 * put-off writes as CTEs: a few kilobytes). Named, each connection parses a text once and then
 * only binds and executes it: same-run pair on PostgreSQL, 1.39x the updates per second at
 * concurrency 16 and 0.56x its p99 (`npm run bench:compare`, README "Performance").
 *
 * Not named: a text that expands `*` in its result. PostgreSQL refuses to run a prepared
 * statement whose result columns changed ("cached plan must not change result type"), so
 * after an additive migration every connection of a replica still on the old version would
 * fail that statement while the new one rolls out (README "Upgrading on PostgreSQL").
 * Statements whose columns are listed are unaffected by added columns. Nor are texts past the
 * first MAX_PREPARED: a connection keeps each statement it prepared until it closes, so the
 * texts that vary (lists of a varying length) must not prepare without bound.
 */
const MAX_PREPARED = 500;
const preparedNames = new Map<string, string>();
const EXPANDS_STAR = /(?:SELECT|RETURNING|,|\.)\s*\*/i;

function preparedName(text: string): string | undefined {
  const known = preparedNames.get(text);
  if (known) return known;
  if (preparedNames.size >= MAX_PREPARED || EXPANDS_STAR.test(text)) return undefined;
  const name = `incident_bot_${preparedNames.size}`;
  preparedNames.set(text, name);
  return name;
}

/** Pools whose statements go unnamed (DATABASE_PREPARED_STATEMENTS=off). */
const unpreparedPools = new WeakSet<pg.Pool>();

/** Sends `pool`'s own statements (sendToPool) unnamed: for a pooler that does not keep prepared statements. */
export function sendUnprepared(pool: pg.Pool): void {
  unpreparedPools.add(pool);
}

/**
 * Sends `query` on `client` (a transaction's connection, or the pool for a statement of its
 * own), as a named prepared statement when `prepared` (see preparedName); null when a parameter
 * is of a kind only Prisma binds.
 */
export async function send(
  client: pg.PoolClient | pg.Pool,
  query: Prisma.Sql,
  prepared: boolean,
): Promise<StatementResult | null> {
  const values = query.values.map(boundValue);
  if (values.includes(undefined)) return null;
  sentDirect++;
  try {
    // Prisma.Sql builds its text on every read (a group's statement: kilobytes from a hundred
    // pieces, ~5 µs), so it is read once.
    const text = query.text;
    const name = prepared ? preparedName(text) : undefined;
    const result = await client.query({
      text,
      values,
      name,
      types: { getTypeParser: typeParser },
    });
    return { rows: result.rows as Record<string, unknown>[], rowCount: result.rowCount ?? 0 };
  } catch (error) {
    throw asPrismaError(error);
  }
}

/**
 * `query` as a statement of its own, straight to `pool` (outside any transaction), bound and
 * read as in a transaction; null when a parameter is of a kind only Prisma binds.
 */
export function sendToPool(pool: pg.Pool, query: Prisma.Sql): Promise<StatementResult | null> {
  return send(pool, query, !unpreparedPools.has(pool));
}
