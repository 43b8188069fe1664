// Inbound requests already handled, with the answer given, so a retried or repeated delivery
// changes nothing and gets the same answer. Recorded in one plain-SQL statement at the end of
// the change's transaction (src/services/support.ts says why that is enough): it runs on every
// command (see timeline.ts for why the hot path avoids the query builder).
import { Prisma, type Tx } from "../client.ts";
import { executeLater } from "../direct.ts";

export interface ProcessedRequest {
  key: string;
  receivedAt: Date;
  /** The answer stored when the request was handled. */
  response: unknown;
}

export function requestsRepository(db: Tx) {
  return {
    /**
     * Records a handled request with its answer; a second record of the same key fails with a
     * unique violation (on PostgreSQL it first waits for the transaction that wrote the first).
     * On PostgreSQL the INSERT is put off (src/db/pg-direct.ts): the failure then comes with the
     * statement that carries it — the end of the transaction's work, or in a group the next
     * change's lock, which src/db/transaction-groups.ts sorts out by running again without it.
     */
    async record(key: string, receivedAt: Date, response: unknown): Promise<void> {
      await executeLater(
        db,
        "ProcessedRequest",
        Prisma.sql`INSERT INTO "ProcessedRequest" ("key", "receivedAt", "response")
          VALUES (${key}, ${receivedAt}, ${JSON.stringify(response ?? null)})`,
      );
    },

    find: (key: string): Promise<ProcessedRequest | null> =>
      db.processedRequest.findUnique({ where: { key } }),
  };
}

export type RequestsRepository = ReturnType<typeof requestsRepository>;
