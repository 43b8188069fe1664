// What a failed delivery becomes, decided without touching anything: which errors are waited
// out (our own pacing, another lane's work), which are retried and after how long (Retry-After,
// backoff), which give the message up as failed, and which clear its "being sent" mark. The
// outbox worker (src/outbox/worker.ts) applies the decision: metrics, the log line, the
// settling statement through the lane's lease, the wake timer.
import type { QueuedMessage, Retry } from "../db/repositories/outbox.ts";
import { isTransientDatabaseError } from "../db/transient-errors.ts";
import type { OperatorEvent } from "../log/operator-events.ts";
import { PagerCallError } from "../pager/pager-error.ts";
import { SlackCallError } from "../slack/gateway.ts";
import { StatuspageCallError } from "../statuspage/statuspage-error.ts";
import { NotReadyError } from "./delivery.ts";
import { isMergingKind } from "./intents.ts";
import type { LaneStep } from "./lane-lease.ts";
import { UnknownMessageError } from "./messages.ts";

const MAX_BACKOFF_MS = 5 * 60_000;

/** One delivery attempt that threw. */
export interface FailedAttempt {
  message: Pick<QueuedMessage, "id" | "kind" | "attempts" | "sendingAt">;
  error: unknown;
  /** The app clock's reading after the failure: retry times count from it. */
  now: Date;
  /** Calls of this attempt that reached Slack (src/slack/pacing/delivery-calls.ts). */
  callsSent: number;
}

/** The line logged for a failure: an operator event, or the debug line of a paced call. */
export type FailureLog =
  | { level: "warn" | "error"; event: OperatorEvent; message: string }
  | {
      level: "debug";
      fields: { outboxId: number; kind: string; method: string; waitMs: number };
      message: string;
    };

/** What to do about a failed attempt, in the order the worker does it. */
export interface FailureDecision {
  /** The lane is to wait for another lane's work (NotReady): the worker remembers it first. */
  waitsForOthers: boolean;
  /** Told to metrics (observeDelivery); none for a wait that is not a failure. */
  observed?: "retried" | "failed";
  log?: FailureLog;
  /** How the lane stands after the settling statement. */
  step: LaneStep;
  /** The settling statement: a retry, or the message marked failed with this last error. */
  settle: { retry: Retry } | { failed: string };
  /** The worker wakes at the retry time (and knows the lane's head waits until then). */
  wake: boolean;
}

/** The backoff after `attempts` failed attempts: 1 s, doubling, at most five minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts - 1, 10));
}

export function decideFailure({ message, error, now, callsSent }: FailedAttempt): FailureDecision {
  const kind = message.kind;
  const attempts = message.attempts + 1;
  // Re-rendering a state message twice is harmless, so a failed one can absorb newer ones.
  const clearSending = isMergingKind(kind);
  if (error instanceof SlackCallError && error.failure.kind === "rate_limited" && error.failure.paced) {
    // Our own pacing put a call off before it was sent: wait for it, without backoff and
    // without counting an attempt. If nothing of this attempt reached Slack, there is no
    // earlier result to look for next time. The lane waits; other lanes go on.
    const { method, retryAfterMs } = error.failure;
    return {
      waitsForOthers: false,
      log: {
        level: "debug",
        fields: { outboxId: message.id, kind, method, waitMs: retryAfterMs },
        message: "outbox delivery paced",
      },
      step: "rate-limited",
      settle: {
        retry: {
          nextAttemptAt: new Date(now.getTime() + retryAfterMs),
          lastError: `${method}: paced`,
          clearSending: clearSending || (callsSent === 0 && message.sendingAt === null),
          attempts: message.attempts,
        },
      },
      wake: true,
    };
  }
  if (error instanceof NotReadyError) {
    // Due again at once: the next pass of this drain (after other lanes progress), the next
    // commit or the next tick tries again. Not a failure: no backoff, attempts not counted.
    return {
      waitsForOthers: true,
      step: "wait",
      settle: {
        retry: { nextAttemptAt: now, lastError: error.message, clearSending, attempts: message.attempts },
      },
      wake: false,
    };
  }
  if (isTransientDatabaseError(error)) {
    // Our own database failed mid-delivery (a dropped connection, a full pool, a lock):
    // nothing is wrong with the message, so it waits and goes again, never marked failed.
    const delay = backoffMs(attempts);
    return {
      waitsForOthers: false,
      observed: "retried",
      log: {
        level: "warn",
        event: {
          event: "outbox_delivery_retry",
          err: error,
          outboxId: message.id,
          kind,
          attempts,
          retryInMs: delay,
          reason: "database unavailable",
        },
        message: "outbox delivery hit a database error; will be retried",
      },
      step: "wait",
      // The error may have come after Slack took the message (storing its ts failed): the
      // "being sent" mark stays, so the retry looks for that post before posting again.
      settle: {
        retry: {
          nextAttemptAt: new Date(now.getTime() + delay),
          lastError: "database unavailable",
          clearSending: false,
        },
      },
      wake: true,
    };
  }
  // Pagers (src/pager) fail the same three ways as Slack: rate limited, transient, permanent.
  // Statuspage (src/statuspage) too.
  const outside = error instanceof PagerCallError || error instanceof StatuspageCallError;
  const failure = error instanceof SlackCallError || outside ? error.failure : undefined;
  if (failure?.kind === "permanent" || !failure) {
    return {
      waitsForOthers: false,
      observed: "failed",
      log: givenUpLog(message.id, kind, attempts, error, failure),
      // A message Slack will never take must not hold up the rest of its lane.
      step: "settled",
      settle: { failed: failure ? failure.error : String(error) },
      wake: false,
    };
  }
  const delay = failure.kind === "rate_limited" ? Math.max(failure.retryAfterMs, 1000) : backoffMs(attempts);
  return {
    waitsForOthers: false,
    observed: "retried",
    log: {
      level: "warn",
      event: {
        event: "outbox_delivery_retry",
        outboxId: message.id,
        kind,
        attempts,
        retryInMs: delay,
        method: failure.method,
        reason: failure.kind === "rate_limited" ? "rate limited" : failure.reason,
      },
      message: "outbox delivery will be retried",
    },
    step: failure.kind === "rate_limited" ? "rate-limited" : "wait",
    settle: {
      retry: {
        nextAttemptAt: new Date(now.getTime() + delay),
        lastError: `${failure.method}: ${failure.kind}`,
        clearSending,
      },
    },
    wake: true,
  };
}

/** One line per message given up on, always with the same fields (operators alert on event). */
function givenUpLog(
  outboxId: number,
  kind: string,
  attempts: number,
  error: unknown,
  failure: { kind: "permanent"; error: string; method: string } | undefined,
): FailureLog {
  const fields = { event: "outbox_delivery_failed", outboxId, kind, attempts } as const;
  if (error instanceof UnknownMessageError)
    return {
      level: "error",
      event: { ...fields, reason: "unknown_shape", detail: error.message },
      message: "outbox message has a shape this version cannot deliver",
    };
  if (!failure)
    return {
      level: "error",
      event: { ...fields, reason: "crashed", err: error },
      message: "outbox delivery crashed",
    };
  const by =
    error instanceof StatuspageCallError
      ? ({ reason: "rejected_by_statuspage", message: "outbox message rejected by Statuspage" } as const)
      : error instanceof PagerCallError
        ? ({ reason: "rejected_by_pager", message: "outbox message rejected by a pager" } as const)
        : ({ reason: "rejected_by_slack", message: "outbox message rejected by Slack" } as const);
  return {
    level: "error",
    event: { ...fields, reason: by.reason, method: failure.method, error: failure.error },
    message: by.message,
  };
}
