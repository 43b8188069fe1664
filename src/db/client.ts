// Prisma client factory: embedded SQLite or PostgreSQL, chosen by DATABASE_URL.
// Both clients are generated from the same models (prisma/models.prisma), so they expose the
// same API; the rest of the app is typed against the SQLite one.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type BetterSqlite3 from "better-sqlite3";
import { type Provider, providerOf, sqliteFilePath } from "./database-url.ts";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client.ts";
import { Prisma, PrismaClient as SqliteClient } from "./generated/sqlite/client.ts";
import { bindOpened, noteTransactionConnections, openTransaction } from "./pg-direct.ts";
import { createPgPool, notePool } from "./pg-pool.ts";
import { sendUnprepared } from "./pg-statements.ts";
import type { ProcessLock } from "./single-process-lock.ts";
import { type OffThreadCheckpoints, startOffThreadCheckpoints } from "./sqlite-checkpoints.ts";
import { bindDirect, noteConnection } from "./sqlite-direct.ts";
import { serializeOutsideTransactions } from "./sqlite-serialized.ts";

export type Db = SqliteClient;
export type Tx = Prisma.TransactionClient;
export { Prisma };

export interface Database {
  readonly provider: Provider;
  readonly db: Db;
  /**
   * Called with each interactive transaction as it starts (src/db/transaction.ts), for `ms` at
   * most; returns what to call when it settles. It lets the hot-path statements go straight to
   * the connection the transaction is open on (src/db/direct.ts).
   */
  readonly bindTransaction?: (tx: object, ms: number) => () => void;
  /**
   * Wraps the call that opens an interactive transaction, so that bindTransaction can find the
   * connection it was opened on (PostgreSQL: src/db/pg-direct.ts; SQLite has only one).
   */
  readonly openTransaction?: <T>(start: () => Promise<T>) => Promise<T>;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Maximum PostgreSQL connections of this process. */
  poolSize?: number;
  /** A lock this database holds for the process; released when the database is closed. */
  processLock?: ProcessLock;
  /**
   * PostgreSQL: send the bot's own statements as named prepared statements (default true;
   * src/db/pg-statements.ts). Off behind a pooler in transaction mode that does not keep them.
   */
  preparedStatements?: boolean;
  /**
   * SQLite: checkpoint the write-ahead log on a thread of its own rather than inside the commit
   * that fills it (src/db/sqlite-checkpoints.ts); the bot's choice, not a short-lived tool's.
   * `onFailure` is told if that thread fails: commits then checkpoint again as by default.
   */
  checkpointOffThread?: { onFailure(error: unknown): void };
}

export async function openDatabase(
  databaseUrl: string,
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  const provider = providerOf(databaseUrl);
  let db: Db;
  let endPool = async () => {};
  let checkpoints: OffThreadCheckpoints | undefined;
  let bindTransaction: NonNullable<Database["bindTransaction"]>;
  let wrapOpen: Database["openTransaction"];
  if (provider === "sqlite") {
    const file = sqliteFilePath(databaseUrl);
    mkdirSync(dirname(file), { recursive: true });
    // timeout = busy timeout: the CLI (exports, migrations) may hold the file briefly.
    const adapter = new PrismaBetterSQLite3({ url: databaseUrl, timeout: 10_000 });
    // The connection the adapter opens, kept for src/db/sqlite-direct.ts. The adapter holds it
    // as `client`; should a later version not, the direct path is simply never used (and
    // test/integration/sqlite-direct.test.ts fails to say so).
    let connection: BetterSqlite3.Database | undefined;
    const connect = adapter.connect.bind(adapter);
    adapter.connect = async () => {
      const opened = await connect();
      const client = (opened as unknown as { client?: BetterSqlite3.Database }).client;
      connection = typeof client?.prepare === "function" ? client : undefined;
      return opened;
    };
    bindTransaction = (tx, ms) => (connection ? bindDirect(tx, connection, ms) : () => {});
    const base = new SqliteClient({ adapter });
    // WAL lets readers (CLI exports, health checks) run while the bot writes; NORMAL sync is
    // durable across process crashes (only an OS crash can lose the last transactions).
    await base.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await base.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
    if (options.checkpointOffThread)
      checkpoints = await startOffThreadCheckpoints({
        file,
        setAutocheckpoint: async (pages) =>
          void (await base.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${pages}`)),
        onFailure: options.checkpointOffThread.onFailure,
      });
    db = serializeOutsideTransactions(base);
    // Plain statements outside transactions go straight to it while none is open (sqlite-direct.ts).
    noteConnection(db, () => connection);
  } else {
    const pool = createPgPool(databaseUrl, options.poolSize ?? 10);
    endPool = () => pool.end();
    const adapter = new PrismaPg(pool);
    const prepared = options.preparedStatements ?? true;
    if (!prepared) sendUnprepared(pool);
    noteTransactionConnections(adapter, { prepared });
    bindTransaction = bindOpened;
    wrapOpen = openTransaction;
    const client = new PostgresClient({ adapter });
    // For the reads that go straight to the pool (src/db/queries/draft-timeline.ts).
    notePool(client, pool);
    // Same models, same generated API, different provider: see the header comment.
    db = client as unknown as Db;
  }
  return {
    provider,
    db,
    bindTransaction,
    ...(wrapOpen ? { openTransaction: wrapOpen } : {}),
    async ping() {
      try {
        await db.$queryRawUnsafe("SELECT 1");
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      // First: the bot's connection, closed last, checkpoints what is left.
      await checkpoints?.stop();
      await db.$disconnect();
      // Prisma does not end a pool it was given.
      await endPool();
      options.processLock?.release();
    },
  };
}

/**
 * True when `error` is a unique-constraint violation on either provider: P2002 from a model
 * query, or P2010 with a UniqueConstraintViolation from a raw one (the plain-SQL hot-path writes).
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } } | null;
  if (e?.code === "P2002") return true;
  return e?.code === "P2010" && e.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
}

/** The columns a unique violation was about (both the model and the raw-query forms). */
export function uniqueViolationFields(error: unknown): string[] {
  const meta = (error as { meta?: Record<string, unknown> } | null)?.meta ?? {};
  const raw = (meta.driverAdapterError as { cause?: { constraint?: { fields?: string[] } } } | undefined)
    ?.cause?.constraint?.fields;
  const target = meta.target;
  return raw ?? (Array.isArray(target) ? (target as string[]) : typeof target === "string" ? [target] : []);
}
