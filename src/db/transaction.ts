// Interactive transactions with limits that suit a bot under burst load: on SQLite every
// write transaction queues behind the previous one, so waiting a few seconds is normal.
import type { Database, Tx } from "./client.ts";

export async function transact<T>(database: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return database.db.$transaction(work, { maxWait: 15_000, timeout: 30_000 });
}

/**
 * Serialises concurrent changes to one incident. PostgreSQL takes a row lock for the rest of
 * the transaction; SQLite needs nothing, since it runs one write transaction at a time.
 */
export async function lockIncident(database: Database, tx: Tx, incidentId: number): Promise<void> {
  if (database.provider === "postgresql") {
    await tx.$queryRawUnsafe(`SELECT id FROM "Incident" WHERE id = $1 FOR UPDATE`, incidentId);
  }
}
