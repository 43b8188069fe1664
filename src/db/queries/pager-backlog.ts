// How far behind each pager is, from the outbox: steps waiting (with the oldest's age and the
// last error of one being retried) and steps given up on. For /healthz.
import type { PagerKind } from "../../domain/paging/page.ts";
import type { Db } from "../client.ts";

export interface PagerBacklog {
  pending: number;
  failed: number;
  oldestPendingAt: Date | null;
  /** The error of the oldest step being retried (no keys: the outbox stores method and kind). */
  retrying: string | null;
}

export async function pagerBacklog(db: Db, pager: PagerKind): Promise<PagerBacklog> {
  const kind = `pager.${pager}`;
  const [pending, failed, oldest] = await Promise.all([
    db.outboxMessage.count({ where: { kind, status: "pending" } }),
    db.outboxMessage.count({ where: { kind, status: "failed" } }),
    db.outboxMessage.findFirst({
      where: { kind, status: "pending" },
      orderBy: { id: "asc" },
      select: { createdAt: true, lastError: true },
    }),
  ]);
  return { pending, failed, oldestPendingAt: oldest?.createdAt ?? null, retrying: oldest?.lastError ?? null };
}
