// How far behind Statuspage is, from the outbox: changes waiting (the oldest's age and the
// last error of one being retried) and changes given up on. For /healthz.
import type { Db } from "../client.ts";
import type { PagerBacklog } from "./pager-backlog.ts";

const KINDS = ["statuspage.incident", "statuspage.components"];

export async function statuspageBacklog(db: Db): Promise<PagerBacklog> {
  const kind = { in: KINDS };
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
