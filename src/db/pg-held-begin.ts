// Each transaction's BEGIN goes out with the transaction's first statement, in one write,
// instead of a round trip of its own. Prisma's pg adapter opens an interactive transaction by
// sending BEGIN and waiting for its answer before it hands the transaction over; on a 2-core
// machine shared with PostgreSQL every statement costs the bot a socket write that wakes a
// PostgreSQL backend (the largest single cost in the PostgreSQL profile, README "What bounds
// what is left"), and BEGIN was one of about 1.5 statements per recorded update. Here a
// connection's BEGIN is answered at once and held; the connection's next statement writes it
// ahead of itself (the pool's connections are pipelined, so both go in one write and
// PostgreSQL answers both), and a transaction that ends before any statement sends neither
// BEGIN nor its COMMIT or ROLLBACK. What the transaction does is unchanged: PostgreSQL starts a
// transaction at BEGIN whenever it comes, and takes no snapshot or lock until the statement
// after it. Should BEGIN fail, the statement sent with it reports that failure.
import type pg from "pg";
import { streamOf } from "./pg-socket-cork.ts";

/** The connections whose BEGIN is held, to go with their next statement. */
const held = new WeakSet<pg.PoolClient>();

/** What pg resolves for a statement that returns no rows (all Prisma's adapter reads of one). */
function noRows(command: string): pg.QueryResult {
  return { command, rowCount: null, oid: 0, rows: [], fields: [] };
}

function textOf(config: unknown): string | undefined {
  if (typeof config === "string") return config;
  const text = (config as { text?: unknown } | null)?.text;
  return typeof text === "string" ? text : undefined;
}

const BEGIN = /^\s*BEGIN\s*;?\s*$/i;
const END = /^\s*(COMMIT|ROLLBACK)\s*;?\s*$/i;

// pg's query has a dozen overloads (text, config, submittable; promise or callback); the
// wrapper only looks at the text and passes every argument on as it came.
type Send = (...args: unknown[]) => unknown;

function hasCallback(args: unknown[]): boolean {
  return args.some((arg) => typeof arg === "function");
}

/** Makes `client` hold each BEGIN for its next statement (see above). */
function holdBeginsOn(client: pg.PoolClient): void {
  const send = client.query.bind(client) as Send;
  const wrapped: Send = (...args) => {
    const text = textOf(args[0]);
    const values = args[1];
    const promised = !hasCallback(args) && typeof (args[0] as { submit?: unknown })?.submit !== "function";
    if (held.has(client)) {
      held.delete(client);
      // Nothing was sent since BEGIN: there is no transaction to end.
      if (promised && text !== undefined && END.test(text)) {
        return Promise.resolve(noRows(text.trim().replace(/;$/, "").toUpperCase()));
      }
      const stream = streamOf(client);
      stream?.cork?.();
      try {
        const begun = send("BEGIN") as Promise<pg.QueryResult>;
        const result = send(...args);
        if (!promised) {
          // The caller reads the statement's result its own way; BEGIN failing fails it too.
          begun.catch(() => {});
          return result;
        }
        return Promise.all([begun, result as Promise<unknown>]).then(([, value]) => value);
      } finally {
        stream?.uncork?.();
      }
    }
    const noValues = values === undefined || (Array.isArray(values) && values.length === 0);
    if (promised && text !== undefined && BEGIN.test(text) && noValues) {
      held.add(client);
      return Promise.resolve(noRows("BEGIN"));
    }
    return send(...args);
  };
  client.query = wrapped as typeof client.query;
}

/**
 * Makes every connection of `pool` hold its BEGIN for its next statement. The pool must be
 * pipelined (`pipeline: true`) for the two to share one write; without it they still go in
 * order, one round trip each. A connection going back to the pool drops a BEGIN still held.
 */
export function holdBegins(pool: pg.Pool): void {
  pool.on("connect", (client) => holdBeginsOn(client));
  pool.on("release", (_error: unknown, client: pg.PoolClient) => {
    held.delete(client);
  });
}

/** Whether `client` holds a BEGIN not sent yet (tests). */
export function holdsBegin(client: pg.PoolClient): boolean {
  return held.has(client);
}
