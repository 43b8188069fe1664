// The replay's own reads of the bot's database while it runs: is the outbox empty (a burst is
// over), has a handoff been accepted (a click's commit), every 3–10 ms while waiting. They used
// to go through the bot's own Prisma client, when the bot ran in the bench's process: about
// 1.2 ms of the shared event loop each (Prisma's query compiler), and on SQLite a transaction on
// the bot's one connection, in the way of the very deliveries being timed. Here they are plain
// statements on a connection of the bench's own (on SQLite a read-only one beside the bot's,
// which WAL lets read while the bot writes).
import Database from "better-sqlite3";
import pg from "pg";
import { type Provider, sqliteFilePath } from "../../src/db/database-url.ts";

export interface SideReader {
  /** Outbox messages still pending. */
  pendingOutbox(): Promise<number>;
  /** Whether the latest handoff to `userId` has been accepted. */
  latestHandoffToAccepted(userId: string): Promise<boolean>;
  close(): Promise<void>;
}

const PENDING = `SELECT COUNT(*) AS "n" FROM "OutboxMessage" WHERE "status" = 'pending'`;
const LATEST_HANDOFF = `SELECT "acceptedAt" FROM "Handoff" WHERE "toUserId" = $1 ORDER BY "id" DESC LIMIT 1`;

export async function openSideReader(provider: Provider, databaseUrl: string): Promise<SideReader> {
  if (provider === "sqlite") {
    const connection = new Database(sqliteFilePath(databaseUrl), { readonly: true, fileMustExist: true });
    const pending = connection.prepare(PENDING);
    const latest = connection.prepare(LATEST_HANDOFF.replace("$1", "?"));
    return {
      pendingOutbox: async () => Number((pending.get() as { n: number | bigint }).n),
      latestHandoffToAccepted: async (userId) =>
        ((latest.get(userId) as { acceptedAt: unknown } | undefined)?.acceptedAt ?? null) !== null,
      close: async () => void connection.close(),
    };
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return {
    pendingOutbox: async () => Number((await client.query<{ n: string }>(PENDING)).rows[0]?.n ?? 0),
    latestHandoffToAccepted: async (userId) =>
      ((await client.query<{ acceptedAt: unknown }>(LATEST_HANDOFF, [userId])).rows[0]?.acceptedAt ??
        null) !== null,
    close: () => client.end(),
  };
}
