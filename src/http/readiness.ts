// Readiness: may this replica take traffic now? Ready = not stopping, the database answers,
// its schema is current, the Socket Mode connection is open (when Socket Mode is used) and the
// outbox is not stuck (its oldest pending message is younger than the threshold). Every change
// of the answer is logged once, with stable fields, so an operator's log search finds it.
import type { Clock } from "../clock/clock.ts";
import type { Logger } from "../log/logger.ts";
import { logOperatorEvent } from "../log/operator-events.ts";

export type ReadinessCheckName = "stopping" | "database" | "schema" | "socket_mode" | "outbox";

export interface ReadinessCheck {
  name: ReadinessCheckName;
  ok: boolean;
  detail?: string;
}

export interface ReadinessReport {
  ready: boolean;
  checks: ReadinessCheck[];
}

export interface ReadinessSources {
  clock: Clock;
  logger: Logger;
  stopping(): boolean;
  pingDatabase(): Promise<boolean>;
  /** Migrations this version has that the database lacks. */
  pendingMigrations(): Promise<string[]>;
  /** Whether the Socket Mode WebSocket is open; null in HTTP mode. */
  socketModeConnected(): boolean | null;
  oldestPendingOutboxAt(): Promise<Date | null>;
  /** Oldest pending age beyond which the outbox counts as stuck; null: never. */
  outboxStuckAfterMs: number | null;
}

export interface Readiness {
  check(): Promise<ReadinessReport>;
  /** The last answer (null before the first check). */
  last(): boolean | null;
}

export function createReadiness(sources: ReadinessSources): Readiness {
  let last: boolean | null = null;
  return {
    last: () => last,
    async check() {
      const checks = await runChecks(sources);
      const ready = checks.every((c) => c.ok);
      // The first answer is logged too: "became ready" after start is what an operator looks for.
      if (ready !== last) {
        const failing = checks.filter((c) => !c.ok).map((c) => c.name);
        logOperatorEvent(
          sources.logger,
          ready ? "info" : "warn",
          { event: "readiness_changed", ready, failing, checks },
          ready ? "readiness changed: ready" : `readiness changed: not ready (${failing.join(", ")})`,
        );
        last = ready;
      }
      return { ready, checks };
    },
  };
}

async function runChecks(s: ReadinessSources): Promise<ReadinessCheck[]> {
  const checks: ReadinessCheck[] = [];
  if (s.stopping()) checks.push({ name: "stopping", ok: false, detail: "shutting down" });
  const databaseUp = await s.pingDatabase().catch(() => false);
  checks.push({ name: "database", ok: databaseUp, ...(databaseUp ? {} : { detail: "does not answer" }) });
  if (databaseUp) {
    const pending = await s.pendingMigrations().catch(() => null);
    checks.push(
      pending === null
        ? { name: "schema", ok: false, detail: "could not read applied migrations" }
        : pending.length
          ? { name: "schema", ok: false, detail: `behind: ${pending.length} pending migration(s)` }
          : { name: "schema", ok: true },
    );
  }
  const socket = s.socketModeConnected();
  if (socket !== null)
    checks.push({ name: "socket_mode", ok: socket, ...(socket ? {} : { detail: "not connected" }) });
  if (databaseUp && s.outboxStuckAfterMs !== null) {
    const oldest = await s.oldestPendingOutboxAt().catch(() => undefined);
    if (oldest === undefined)
      checks.push({ name: "outbox", ok: false, detail: "could not read the backlog" });
    else {
      const age = oldest ? s.clock.now().getTime() - oldest.getTime() : 0;
      const stuck = age > s.outboxStuckAfterMs;
      checks.push({
        name: "outbox",
        ok: !stuck,
        ...(stuck ? { detail: `oldest pending message waited ${Math.round(age / 1000)} s` } : {}),
      });
    }
  }
  return checks;
}
