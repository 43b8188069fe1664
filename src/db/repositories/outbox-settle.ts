// How the outbox worker settles a message (delivered, put off, given up on) and, when that is
// the last thing its lane pass does, lets go of the lane's lease in the same round trip. A lane
// pass that delivers one message used to end with two: the "delivered" mark, then the lease's
// DELETE. On PostgreSQL the DELETE now rides in the UPDATE's statement (a data-modifying WITH),
// on SQLite the two share one transaction, run synchronously straight on the connection when no
// other transaction is open there (src/db/sqlite-direct.ts). Either way both land together: the
// lease is never free while the message still looks undelivered.
import { type Db, Prisma } from "../client.ts";
import type { Provider } from "../database-url.ts";
import { releaseLeaseSql } from "../leases.ts";
import { plainExecute } from "../plain-statements.ts";
import { transactOutsideTransaction } from "../sqlite-direct.ts";
import { TRANSACTION_OPTIONS as SQLITE_TRANSACTION } from "../sqlite-serialized.ts";

/** A lane's lease as its holder names it, to release with a settling statement. */
export interface HeldLease {
  key: string;
  holder: string;
}

const releaseSql = (lease: HeldLease) => releaseLeaseSql(lease.key, lease.holder);

/** Runs `update` (one UPDATE of an outbox row) and, with `release`, frees that lease with it. */
export async function settle(
  db: Db,
  provider: Provider,
  update: Prisma.Sql,
  release: HeldLease | undefined,
): Promise<void> {
  if (!release) {
    await plainExecute(db, update);
    return;
  }
  if (provider === "postgresql") {
    await plainExecute(db, Prisma.sql`WITH "released" AS (${releaseSql(release)}) ${update}`);
    return;
  }
  // Straight to the connection when it is free, as one synchronous transaction.
  const direct = transactOutsideTransaction(db, (tx) => {
    tx.execute(update);
    tx.execute(releaseSql(release));
  });
  if (direct) return;
  await db.$transaction(async (tx) => {
    await tx.$executeRaw(update);
    await tx.$executeRaw(releaseSql(release));
  }, SQLITE_TRANSACTION); // waits as a lone statement would (Prisma's default is 2 s)
}

/** JSON for a Json column: PostgreSQL is told it is jsonb; SQLite keeps it as text. */
export function jsonValue(provider: Provider, value: unknown): Prisma.Sql {
  const text = JSON.stringify(value);
  return provider === "postgresql" ? Prisma.sql`${text}::jsonb` : Prisma.sql`${text}`;
}

export function deliveredSql(provider: Provider, id: number, at: Date, result: unknown): Prisma.Sql {
  // As the model call did: no result leaves the column as it was.
  const setResult = result == null ? Prisma.empty : Prisma.sql`, "result" = ${jsonValue(provider, result)}`;
  return Prisma.sql`UPDATE "OutboxMessage"
    SET "status" = 'done', "deliveredAt" = ${at}, "lastError" = NULL${setResult}
    WHERE "id" = ${id}`;
}

export function failedSql(id: number, lastError: string): Prisma.Sql {
  return Prisma.sql`UPDATE "OutboxMessage" SET "status" = 'failed', "lastError" = ${lastError} WHERE "id" = ${id}`;
}

export interface Retry {
  nextAttemptAt: Date;
  lastError: string;
  /** Clears the "being sent" mark (a state message may then absorb newer ones). */
  clearSending: boolean;
  /** Overrides the attempt count (a wait that is not a failure does not count). */
  attempts?: number;
}

export function retrySql(id: number, retry: Retry): Prisma.Sql {
  const clearSending = retry.clearSending ? Prisma.sql`, "sendingAt" = NULL` : Prisma.empty;
  const attempts = retry.attempts !== undefined ? Prisma.sql`, "attempts" = ${retry.attempts}` : Prisma.empty;
  return Prisma.sql`UPDATE "OutboxMessage"
    SET "nextAttemptAt" = ${retry.nextAttemptAt}, "lastError" = ${retry.lastError}${clearSending}${attempts}
    WHERE "id" = ${id}`;
}
