// The pagers part of /healthz: for each configured pager, "ok", "degraded" (steps waiting for
// retries: an outage or rate limit; nothing is lost, they go out when it answers) or "failing"
// (it refused steps with 4xx: someone must fix the key or the targets file). Never a key.
import type { Clock } from "../clock/clock.ts";
import type { PagerBacklog } from "../db/queries/pager-backlog.ts";
import type { PagerKind } from "../domain/paging/page.ts";
import type { PagerState } from "../pager/health.ts";

export interface PagerHealthSources {
  configured: PagerKind[];
  backlog(pager: PagerKind): Promise<PagerBacklog>;
  seen(pager: PagerKind): PagerState;
}

export async function pagersHealth(sources: PagerHealthSources, clock: Clock) {
  const now = clock.now().getTime();
  const entries = await Promise.all(
    sources.configured.map(async (pager) => {
      const backlog = await sources.backlog(pager);
      const seen = sources.seen(pager);
      const waitingRetry = backlog.pending > 0 && (backlog.retrying !== null || seen.consecutiveFailures > 0);
      // A refusal counts until this process sees the pager take something again (the failed
      // rows themselves stay in the outbox, and in `failed`, until retention removes them).
      const failing = seen.refused || (backlog.failed > 0 && seen.lastSuccessAt === null);
      const status = failing ? "failing" : waitingRetry ? "degraded" : "ok";
      return [
        pager,
        {
          status,
          pending: backlog.pending,
          failed: backlog.failed,
          oldestPendingAgeSeconds: backlog.oldestPendingAt
            ? Math.max(0, Math.round((now - backlog.oldestPendingAt.getTime()) / 1000))
            : 0,
          lastError: seen.lastError ?? backlog.retrying,
          lastFailureAt: seen.lastFailureAt,
          lastSuccessAt: seen.lastSuccessAt,
        },
      ] as const;
    }),
  );
  return Object.fromEntries(entries);
}
