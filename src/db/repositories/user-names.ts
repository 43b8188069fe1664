// People's names as last learnt from Slack, kept so that exports made without Slack (the CLI)
// name people as the bot does.
import type { Db } from "../client.ts";

export interface RememberedName {
  userId: string;
  name: string;
  updatedAt: Date;
}

/** Keeps each query's IN list small on both databases. */
const CHUNK = 500;

export async function rememberedNames(db: Db, userIds: string[]): Promise<RememberedName[]> {
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

export async function rememberName(db: Db, userId: string, name: string, at: Date): Promise<void> {
  await db.userName.upsert({
    where: { userId },
    create: { userId, name, updatedAt: at },
    update: { name, updatedAt: at },
  });
}
