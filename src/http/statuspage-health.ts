// The Statuspage part of /healthz, judged as a pager's (./pager-health.ts): "ok", "degraded"
// (changes waiting for retries: nothing is lost) or "failing" (it refused a change with 4xx:
// someone must fix the key or the page id). Never the key.
import type { Clock } from "../clock/clock.ts";
import type { PagerBacklog } from "../db/queries/pager-backlog.ts";
import type { StatuspageState } from "../statuspage/health.ts";

export interface StatuspageHealthSources {
  backlog(): Promise<PagerBacklog>;
  seen(): StatuspageState;
}

export async function statuspageHealth(sources: StatuspageHealthSources, clock: Clock) {
  const backlog = await sources.backlog();
  const seen = sources.seen();
  const waitingRetry = backlog.pending > 0 && (backlog.retrying !== null || seen.consecutiveFailures > 0);
  const failing = seen.refused || (backlog.failed > 0 && seen.lastSuccessAt === null);
  return {
    status: failing ? "failing" : waitingRetry ? "degraded" : "ok",
    pending: backlog.pending,
    failed: backlog.failed,
    oldestPendingAgeSeconds: backlog.oldestPendingAt
      ? Math.max(0, Math.round((clock.now().getTime() - backlog.oldestPendingAt.getTime()) / 1000))
      : 0,
    lastError: seen.lastError ?? backlog.retrying,
    lastFailureAt: seen.lastFailureAt,
    lastSuccessAt: seen.lastSuccessAt,
  };
}
