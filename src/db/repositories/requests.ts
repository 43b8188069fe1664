// Inbound requests already handled, with the answer given, so a retried or repeated delivery
// changes nothing and gets the same answer. Claim and answer are plain SQL: they run on every
// command (see timeline.ts for why the hot path avoids the query builder).
import type { Tx } from "../client.ts";

export interface ProcessedRequest {
  key: string;
  receivedAt: Date;
  /** The answer stored when the request was handled (null while it runs). */
  response: unknown;
}

export function requestsRepository(db: Tx) {
  return {
    /** Claims a request key; a second claim of the same key fails with a unique violation. */
    async claim(key: string, receivedAt: Date): Promise<void> {
      await db.$executeRaw`INSERT INTO "ProcessedRequest" ("key", "receivedAt") VALUES (${key}, ${receivedAt})`;
    },

    async answer(key: string, response: unknown): Promise<void> {
      await db.$executeRaw`UPDATE "ProcessedRequest" SET "response" = ${JSON.stringify(response ?? null)} WHERE "key" = ${key}`;
    },

    find: (key: string): Promise<ProcessedRequest | null> =>
      db.processedRequest.findUnique({ where: { key } }),
  };
}

export type RequestsRepository = ReturnType<typeof requestsRepository>;
