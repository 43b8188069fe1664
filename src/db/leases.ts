// Time-limited claims shared by replicas through the database: whoever holds the lease on a
// key does that work; a holder that dies loses it when it expires.
import { type Db, Prisma, type Tx } from "./client.ts";
import { plainExecute, plainRows } from "./plain-statements.ts";

export async function acquireLease(
  db: Db | Tx,
  key: string,
  holder: string,
  now: Date,
  ttlMs: number,
): Promise<boolean> {
  const taken = await plainRows<{ key: string }>(db, acquireLeaseSql(key, holder, now, ttlMs));
  return taken.length === 1;
}

/**
 * The statement acquireLease sends; a row comes back when the lease was taken. One statement on
 * both stores: taken when nobody holds the key, when we do (a renewal) or when the holder's
 * lease has expired; otherwise the UPDATE's condition fails and no row comes back. Atomic, so
 * two replicas can never both take it. It runs on every lane an outbox pass delivers: a
 * conditional UPDATE then an INSERT through Prisma's model (which wraps a create in its own
 * transaction on PostgreSQL) were four round trips before every delivery.
 */
export function acquireLeaseSql(key: string, holder: string, now: Date, ttlMs: number): Prisma.Sql {
  const expiresAt = new Date(now.getTime() + ttlMs);
  return Prisma.sql`INSERT INTO "Lease" ("key", "holder", "expiresAt") VALUES (${key}, ${holder}, ${expiresAt})
      ON CONFLICT ("key") DO UPDATE SET "holder" = excluded."holder", "expiresAt" = excluded."expiresAt"
      WHERE "Lease"."holder" = excluded."holder" OR "Lease"."expiresAt" < ${now}
      RETURNING "key"`;
}

/**
 * Extends a lease this holder still has; never takes one (answers whether it was extended). A
 * working holder's heartbeat renews with this, not acquireLease: a renewal sent just before
 * the pass let go of the key and landing just after would otherwise take the key again and
 * keep every replica off it until the lease expired.
 */
export async function renewLease(
  db: Db | Tx,
  key: string,
  holder: string,
  now: Date,
  ttlMs: number,
): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const extended = await plainExecute(
    db,
    Prisma.sql`UPDATE "Lease" SET "expiresAt" = ${expiresAt} WHERE "key" = ${key} AND "holder" = ${holder}`,
  );
  return extended === 1;
}

/**
 * The statement that lets go of a lease, only if this holder still has it: on its own here, or
 * riding with the outbox's settling statement (src/db/repositories/outbox-settle.ts).
 */
export function releaseLeaseSql(key: string, holder: string): Prisma.Sql {
  return Prisma.sql`DELETE FROM "Lease" WHERE "key" = ${key} AND "holder" = ${holder}`;
}

export async function releaseLease(db: Db, key: string, holder: string): Promise<void> {
  await plainExecute(db, releaseLeaseSql(key, holder));
}
