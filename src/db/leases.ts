// Time-limited claims shared by replicas through the database: whoever holds the lease on a
// key does that work; a holder that dies loses it when it expires.
import { type Db, isUniqueViolation } from "./client.ts";

export async function acquireLease(
  db: Db,
  key: string,
  holder: string,
  now: Date,
  ttlMs: number,
): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  // Taking over an expired lease (or renewing our own) is one conditional UPDATE: atomic on
  // both stores, so two replicas can never both see count = 1.
  const taken = await db.lease.updateMany({
    where: { key, OR: [{ holder }, { expiresAt: { lt: now } }] },
    data: { holder, expiresAt },
  });
  if (taken.count === 1) return true;
  try {
    await db.lease.create({ data: { key, holder, expiresAt } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export async function releaseLease(db: Db, key: string, holder: string): Promise<void> {
  await db.lease.deleteMany({ where: { key, holder } });
}
