// People's names as last learnt from Slack, kept so that exports made without Slack (the CLI)
// name people as the bot does.
import type { Db, Tx } from "../client.ts";

export interface RememberedName {
  userId: string;
  name: string;
  updatedAt: Date;
}

/** Keeps each query's IN list small on both databases. */
const CHUNK = 500;

export async function rememberedNames(db: Db | Tx, userIds: string[]): Promise<RememberedName[]> {
  const rows: RememberedName[] = [];
  for (let i = 0; i < userIds.length; i += CHUNK) {
    rows.push(
      ...(await db.userName.findMany({
        where: { userId: { in: userIds.slice(i, i + CHUNK) } },
        select: { userId: true, name: true, updatedAt: true },
      })),
    );
  }
  return rows;
}

/** The remembered names as a repository (reads outside a transaction are fine: names are a cache). */
export function userNamesRepository(db: Db | Tx) {
  return {
    remembered: (userIds: string[]) => rememberedNames(db, userIds),
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
