// People's names as last learnt from Slack, kept so that exports made without Slack (the CLI)
// name people as the bot does.
import { type Db, Prisma, type Tx } from "../client.ts";
import type { Provider } from "../database-url.ts";
import { plainRows } from "../plain-statements.ts";
import { textList } from "../value-lists.ts";

export interface RememberedName {
  userId: string;
  name: string;
  updatedAt: Date;
}

/**
 * The names remembered for these people. Plain SQL with the ids as one parameter
 * (src/db/value-lists.ts), one statement however many: a postmortem of a large incident names
 * hundreds of people, and as model queries (in chunks of 500) Prisma compiled each list afresh,
 * about 12 ms of CPU for 750 ids against 1–1.5 ms; an update naming three people paid 1.1–1.4 ms
 * against 0.4 ms or less.
 */
export async function rememberedNames(
  db: Db | Tx,
  provider: Provider,
  userIds: readonly string[],
): Promise<RememberedName[]> {
  if (!userIds.length) return [];
  return plainRows<RememberedName>(
    db,
    Prisma.sql`SELECT "userId", "name", "updatedAt" FROM "UserName"
      WHERE "userId" IN (${textList(provider, [...new Set(userIds)])})`,
  );
}

/** The remembered names as a repository (reads outside a transaction are fine: names are a cache). */
export function userNamesRepository(db: Db | Tx, provider: Provider) {
  return {
    remembered: (userIds: readonly string[]) => rememberedNames(db, provider, userIds),
    remember: (userId: string, name: string, at: Date) => rememberName(db, userId, name, at),
  };
}

export type UserNamesRepository = ReturnType<typeof userNamesRepository>;

export async function rememberName(db: Db | Tx, userId: string, name: string, at: Date): Promise<void> {
  await db.userName.upsert({
    where: { userId },
    create: { userId, name, updatedAt: at },
    update: { name, updatedAt: at },
  });
}
