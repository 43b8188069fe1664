// GET /healthz: 200 when the database answers, 503 when it does not; always says how far
// behind Slack delivery is (the outbox backlog), so a load balancer and an operator both
// learn something. Never includes configuration values.
import type { CustomRoute } from "@slack/bolt";
import type { Clock } from "../clock/clock.ts";
import type { OutboxBacklog } from "../outbox/worker.ts";
import { type PagerHealthSources, pagersHealth } from "./pager-health.ts";
import { sendJson } from "./read-body.ts";
import { type StatuspageHealthSources, statuspageHealth } from "./statuspage-health.ts";

export interface HealthSources {
  database: { provider: string; ping(): Promise<boolean> };
  clock: Clock;
  clockMode: "system" | "simulated";
  outboxBacklog(): Promise<OutboxBacklog>;
  instanceId: string;
  /** Pagers outside Slack (issue 14); absent or empty when none is configured. */
  pagers?: PagerHealthSources;
  /** Atlassian Statuspage (issue 13 item 4); absent when not configured. */
  statuspage?: StatuspageHealthSources;
}

export function healthRoute(sources: HealthSources): CustomRoute {
  return {
    path: "/healthz",
    method: ["GET"],
    handler: (_req, res) => {
      void (async () => {
        const now = sources.clock.now();
        const databaseUp = await sources.database.ping();
        const backlog = databaseUp ? await sources.outboxBacklog().catch(() => null) : null;
        const pagers =
          databaseUp && sources.pagers?.configured.length
            ? await pagersHealth(sources.pagers, sources.clock).catch(() => null)
            : null;
        const statuspage =
          databaseUp && sources.statuspage
            ? await statuspageHealth(sources.statuspage, sources.clock).catch(() => null)
            : null;
        // A pager in trouble degrades the bot, but it still serves Slack: 200, not 503.
        const pagerTrouble =
          (pagers && Object.values(pagers).some((p) => p.status !== "ok")) ||
          (statuspage !== null && statuspage.status !== "ok");
        sendJson(res, databaseUp ? 200 : 503, {
          status: databaseUp ? (pagerTrouble ? "degraded" : "ok") : "unavailable",
          database: { provider: sources.database.provider, reachable: databaseUp },
          outbox: backlog && {
            pending: backlog.pending,
            failed: backlog.failed,
            oldestPendingAgeSeconds: backlog.oldestPendingAt
              ? Math.max(0, Math.round((now.getTime() - backlog.oldestPendingAt.getTime()) / 1000))
              : 0,
          },
          ...(pagers ? { pagers } : {}),
          ...(statuspage ? { statuspage } : {}),
          clock: { mode: sources.clockMode, now: now.toISOString() },
          instance: sources.instanceId,
        });
      })().catch(() => sendJson(res, 503, { status: "unavailable" }));
    },
  };
}
