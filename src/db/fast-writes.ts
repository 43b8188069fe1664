// The outbox rows every recorded change writes, as plain SQL. They are written on every
// command, and Prisma's query builder costs about ten times the insert itself on SQLite
// (measured: ~1 ms vs ~0.1 ms per row), which is what a burst of commands mid-outage queues
// behind. The SQL is the same on both stores: Prisma fills in the placeholders for each, Dates
// and JSON text are stored as its models expect, and the rows read back through the models
// unchanged (tested on SQLite and PostgreSQL). The other hot-path writes (timeline entry,
// request claim and answer) are in src/db/repositories (timeline.ts, requests.ts).
import { Prisma, type Tx } from "./client.ts";
import { executeLater } from "./direct.ts";

export interface OutboxRow {
  lane: string;
  kind: string;
  payload: unknown;
  coalesceKey: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
}

export async function insertOutboxMessages(tx: Tx, rows: OutboxRow[]): Promise<void> {
  if (!rows.length) return;
  const values = rows.map(
    (r) =>
      Prisma.sql`(${r.lane}, ${r.kind}, ${JSON.stringify(r.payload)}, ${r.coalesceKey}, ${"pending"}, ${r.nextAttemptAt}, ${r.createdAt})`,
  );
  // Nothing reads these rows back in the transaction: they go with its next statement.
  await executeLater(
    tx,
    "OutboxMessage",
    Prisma.sql`INSERT INTO "OutboxMessage" ("lane", "kind", "payload", "coalesceKey", "status", "nextAttemptAt", "createdAt")
      VALUES ${Prisma.join(values)}`,
  );
}

/**
 * PostgreSQL only: the same insert, where a row whose coalesceKey is one of `absorbing` is left
 * out when a message with that key is still waiting and not being sent; that message absorbs it
 * (src/db/repositories/outbox.ts), and the UPDATE marking it takes its row lock as before, so a
 * worker about to send it waits for this transaction. One statement instead of one UPDATE per
 * key and then the INSERT. The casts give the VALUES list the columns' types.
 */
export async function insertOutboxMessagesUnlessAbsorbed(
  tx: Tx,
  rows: OutboxRow[],
  absorbing: string[],
): Promise<void> {
  if (!rows.length) return;
  const values = rows.map(
    (r, i) =>
      Prisma.sql`(${r.lane}::text, ${r.kind}::text, ${JSON.stringify(r.payload)}::jsonb, ${r.coalesceKey}::text, ${r.nextAttemptAt}::timestamp(3), ${r.createdAt}::timestamp(3), ${i}::int)`,
  );
  // The absorbing UPDATE is a CTE the INSERT reads; both go with the transaction's next statement.
  await executeLater(
    tx,
    "OutboxMessage",
    Prisma.sql`INSERT INTO "OutboxMessage" ("lane", "kind", "payload", "coalesceKey", "status", "nextAttemptAt", "createdAt")
    SELECT v.lane, v.kind, v.payload, v.key, 'pending', v.due, v.created
    FROM (VALUES ${Prisma.join(values)}) AS v (lane, kind, payload, key, due, created, position)
    WHERE v.key IS NULL OR v.key NOT IN (SELECT "coalesceKey" FROM "absorbed_outbox")
    ORDER BY v.position`,
    {
      ctes: [
        Prisma.sql`"absorbed_outbox" AS (
        UPDATE "OutboxMessage" SET "lastError" = NULL
        WHERE "coalesceKey" IN (${Prisma.join(absorbing)}) AND "status" = 'pending' AND "sendingAt" IS NULL
        RETURNING "coalesceKey"
      )`,
      ],
    },
  );
}
