// The log lines operators alert and search on, each with a stable `event` name and fixed
// fields. Typed here so a field cannot be renamed by accident in one place: dashboards, log
// queries and the README ("Operator events") depend on these exact names. Values are ids,
// counts and codes; never message text, titles or secrets.
import type { Logger } from "./logger.ts";

export type DeliveryFailureReason =
  | "rejected_by_slack"
  | "rejected_by_pager"
  | "rejected_by_statuspage"
  | "unknown_shape"
  | "crashed";

export type OperatorEvent =
  /** An outbox message given up on (logged once, when it is marked failed). */
  | {
      event: "outbox_delivery_failed";
      outboxId: number;
      kind: string;
      attempts: number;
      reason: DeliveryFailureReason;
      method?: string;
      error?: string;
      detail?: string;
      err?: unknown;
    }
  /** An outbox attempt that will be retried (rate limit, Slack or network trouble, database error). */
  | {
      event: "outbox_delivery_retry";
      outboxId: number;
      kind: string;
      attempts: number;
      retryInMs: number;
      reason: string;
      method?: string;
      err?: unknown;
    }
  /**
   * A page that could not be delivered to an external pager (PagerDuty, Opsgenie…): the hook
   * for paging, which delivers through the outbox and reports each failed attempt here.
   */
  | {
      event: "pager_delivery_failed";
      pager: string;
      incidentId: number;
      outboxId?: number;
      attempts: number;
      /** HTTP status the pager answered, when it answered. */
      status?: number;
      reason: string;
      willRetry: boolean;
    }
  /** /readyz's answer changed (logged once per change). */
  | {
      event: "readiness_changed";
      ready: boolean;
      failing: string[];
      checks: { name: string; ok: boolean; detail?: string }[];
    }
  /** The log level was changed at run time (SIGUSR2). */
  | { event: "log_level_changed"; from: string; to: string; signal: string };

export type OperatorEventLevel = "trace" | "debug" | "info" | "warn" | "error" | "fatal";

/** Writes one operator event at `level`. */
export function logOperatorEvent(
  logger: Logger,
  level: OperatorEventLevel,
  fields: OperatorEvent,
  message: string,
): void {
  logger[level](fields, message);
}

/** Pager failures: warn while retried, error when given up on. */
export function logPagerFailure(
  logger: Logger,
  failure: Omit<Extract<OperatorEvent, { event: "pager_delivery_failed" }>, "event">,
): void {
  logOperatorEvent(
    logger,
    failure.willRetry ? "warn" : "error",
    { event: "pager_delivery_failed", ...failure },
    failure.willRetry
      ? `page to ${failure.pager} failed; will be retried`
      : `page to ${failure.pager} failed for good`,
  );
}
