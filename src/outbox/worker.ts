// Delivers the outbox: lanes in parallel, each lane strictly in order, one replica per lane
// (a database lease), retrying what Slack could not take now with backoff that honours
// Retry-After, on the app's one clock.
import type { Clock } from "../clock/clock.ts";
import type { OutboxBacklog, OutboxQueue, QueuedMessage } from "../db/repositories/outbox.ts";
import { isTransientDatabaseError } from "../db/transient-errors.ts";
import type { Logger } from "../log/logger.ts";
import { logOperatorEvent } from "../log/operator-events.ts";
import { PagerCallError } from "../pager/pager-error.ts";
import { SlackCallError } from "../slack/gateway.ts";
import { type DeliveryCalls, withDeliveryCalls } from "../slack/pacing/delivery-calls.ts";
import { StatuspageCallError } from "../statuspage/statuspage-error.ts";
import type { DeliverFn } from "./delivery.ts";
import { NotReadyError } from "./delivery.ts";
import { COALESCING_KINDS, type Intent, type IntentKind } from "./intents.ts";
import { UnknownMessageError } from "./messages.ts";
import { BULK, storedPriority } from "./priority.ts";

// Short, and renewed while a lane is worked on: a replica that dies holds its lanes for at
// most this long. A stopping replica releases its lanes at once; one that crashed cannot be
// told apart from a live one (holders are random ids), so its lanes wait for the expiry.
const LANE_LEASE_MS = 20_000;
const LANE_LEASE_RENEW_MS = 5_000;
const MAX_BACKOFF_MS = 5 * 60_000;
const LANES_PER_DRAIN = 50;
/** Messages of one lane read at once (they are then delivered one by one, in order). */
const LANE_BATCH = 25;
const KICK_DELAY_MS = 15;

export interface OutboxWorkerOptions {
  /** The outbox table and lane leases (src/db/repositories/outbox.ts). */
  queue: OutboxQueue;
  clock: Clock;
  deliver: DeliverFn;
  logger: Logger;
  /** Identifies this process in leases. */
  instanceId: string;
  /** Lanes delivered at the same time (each lane is still one message at a time). */
  concurrency?: number;
  /** Told the outcome of every delivery attempt (metrics). */
  observeDelivery?(kind: string, outcome: "delivered" | "retried" | "failed"): void;
  /**
   * Milliseconds of the app's clock per real millisecond (1 with the system clock): the worker
   * wakes itself when a put-off message falls due, on a real timer scaled by this.
   */
  clockRate?: number;
}

export type { OutboxBacklog };

export class OutboxWorker {
  readonly #o: Required<OutboxWorkerOptions>;
  #draining: Promise<number> | null = null;
  #again = false;
  #stopped = false;
  #kickTimer: NodeJS.Timeout | undefined;

  constructor(options: OutboxWorkerOptions) {
    this.#o = { concurrency: 8, observeDelivery: () => {}, clockRate: 1, ...options };
  }

  #wakeTimer: NodeJS.Timeout | undefined;
  #wakeAt = Number.POSITIVE_INFINITY;
  /** App-clock instants at which put-off messages fall due (the timer is set for the earliest). */
  readonly #dueTimes = new Set<number>();

  /**
   * Drains again when a message put off by pacing or a short Retry-After falls due, instead of
   * waiting for the scheduler's next tick (every 15 s by default): a paced lane goes on as soon
   * as its call may. One timer, for the earliest such time; the next one is set when it fires.
   */
  #wakeWhenDue(dueAt: Date): void {
    if (this.#stopped) return;
    this.#dueTimes.add(dueAt.getTime());
    this.#armWake();
  }

  #armWake(): void {
    const now = this.#o.clock.now().getTime();
    let earliest = Number.POSITIVE_INFINITY;
    for (const at of this.#dueTimes) {
      if (at < now) this.#dueTimes.delete(at);
      else if (at < earliest) earliest = at;
    }
    if (earliest === this.#wakeAt) return;
    clearTimeout(this.#wakeTimer);
    this.#wakeAt = earliest;
    if (earliest === Number.POSITIVE_INFINITY) return;
    this.#wakeTimer = setTimeout(
      () => {
        this.#wakeTimer = undefined;
        this.#wakeAt = Number.POSITIVE_INFINITY;
        this.#dueTimes.delete(earliest);
        this.kick();
        this.#armWake();
      },
      (earliest - now) / this.#o.clockRate + 1,
    );
    this.#wakeTimer.unref();
  }

  /**
   * Asks for a drain soon (after a commit). Kicks within a few milliseconds are served by one
   * drain: during a burst of commands the outbox takes the database in batches rather than
   * after every single commit, and acknowledgements keep priority. Never throws.
   */
  kick(): void {
    if (this.#stopped) return;
    if (this.#draining) {
      this.#again = true;
      return;
    }
    if (this.#kickTimer) return;
    this.#kickTimer = setTimeout(() => {
      this.#kickTimer = undefined;
      void this.drain().catch((error) => this.#o.logger.error({ err: error }, "outbox drain failed"));
    }, KICK_DELAY_MS);
  }

  /** Delivers everything due now; resolves with the number of messages handled. */
  drain(): Promise<number> {
    if (this.#draining) {
      this.#again = true;
      return this.#draining;
    }
    this.#draining = (async () => {
      let handled = 0;
      try {
        // Another pass while the last one made progress: a message that waited for a channel
        // (NotReady) can go as soon as the lane that creates the channel has delivered.
        let progressed = 0;
        do {
          this.#again = false;
          const pass = await this.#drainOnce();
          handled += pass.handled;
          progressed = pass.progressed;
        } while ((this.#again || progressed > 0) && !this.#stopped);
      } finally {
        this.#draining = null;
      }
      return handled;
    })();
    return this.#draining;
  }

  /** Finishes the delivery in flight and takes no more. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#kickTimer);
    clearTimeout(this.#wakeTimer);
    await this.#draining?.catch(() => {});
  }

  /** When the next pending message becomes due after `instant` (null when none). */
  async nextDueAfter(instant: Date): Promise<Date | null> {
    return this.#o.queue.nextDueAfter(instant);
  }

  async backlog(): Promise<OutboxBacklog> {
    return this.#o.queue.backlog();
  }

  async #drainOnce(): Promise<{ handled: number; progressed: number }> {
    const now = this.#o.clock.now();
    const heads = await this.#o.queue.dueLaneHeads(now, LANES_PER_DRAIN);
    // Lanes carrying what people act on first, bulk work last; oldest first within a class.
    const lanes = heads
      .map((head) => ({ lane: head.lane, priority: storedPriority(head.payload) }))
      .sort((a, b) => a.priority - b.priority)
      .map((entry) => entry.lane);
    const totals = { handled: 0, progressed: 0 };
    const queue = [...lanes];
    const workers = Array.from({ length: Math.min(this.#o.concurrency, queue.length) }, async () => {
      for (let lane = queue.shift(); lane !== undefined && !this.#stopped; lane = queue.shift()) {
        const result = await this.#drainLane(lane);
        totals.handled += result.handled;
        totals.progressed += result.progressed;
      }
    });
    await Promise.all(workers);
    if (lanes.length === LANES_PER_DRAIN) this.#again = true;
    return totals;
  }

  /** Delivers a lane's due messages in order; counts attempts and settled (sent/failed) ones. */
  async #drainLane(lane: string): Promise<{ handled: number; progressed: number }> {
    const leaseKey = `outbox:${lane}`;
    const result = { handled: 0, progressed: 0 };
    if (!(await this.#o.queue.acquireLease(leaseKey, this.#o.instanceId, this.#o.clock.now(), LANE_LEASE_MS)))
      return result;
    // Renewed on a wall-clock heartbeat: one slow Slack call must not let the lease lapse.
    const heartbeat = setInterval(() => {
      void this.#o.queue
        .acquireLease(leaseKey, this.#o.instanceId, this.#o.clock.now(), LANE_LEASE_MS)
        .catch(() => {});
    }, LANE_LEASE_RENEW_MS);
    heartbeat.unref();
    try {
      reading: while (!this.#stopped) {
        const batch = await this.#o.queue.pendingInLane(lane, LANE_BATCH);
        if (!batch.length) break;
        for (const message of batch) {
          const now = this.#o.clock.now();
          // The head waits for its retry time: later messages of the lane wait behind it.
          if (this.#stopped || message.nextAttemptAt > now) break reading;
          const settled = await this.#deliverOne(message, now);
          result.handled++;
          if (!settled) break reading;
          result.progressed++;
        }
        if (batch.length < LANE_BATCH) break;
      }
    } finally {
      clearInterval(heartbeat);
      await this.#o.queue.releaseLease(leaseKey, this.#o.instanceId);
    }
    return result;
  }

  /** True when the lane may go on to its next message. */
  async #deliverOne(message: QueuedMessage, now: Date): Promise<boolean> {
    const intent = message.payload as unknown as Intent;
    const previouslyAttempted = message.sendingAt !== null;
    // Recorded before the call: if the process dies mid-call, the retry knows to look first.
    await this.#o.queue.markSending(message.id, now);
    const calls: DeliveryCalls = { bulk: storedPriority(message.payload) === BULK, sent: 0 };
    try {
      const result = await withDeliveryCalls(calls, () =>
        this.#o.deliver(intent, { message, previouslyAttempted }),
      );
      await this.#o.queue.markDelivered(message.id, this.#o.clock.now(), result);
      this.#o.observeDelivery(message.kind, "delivered");
      return true;
    } catch (error) {
      return this.#handleFailure(message, message.kind, error, calls);
    }
  }

  async #handleFailure(
    message: QueuedMessage,
    kind: string,
    error: unknown,
    calls: DeliveryCalls,
  ): Promise<boolean> {
    const now = this.#o.clock.now();
    const attempts = message.attempts + 1;
    // Re-rendering a state message twice is harmless, so a failed one can absorb newer ones.
    const clearSending = COALESCING_KINDS.has(kind as IntentKind) || kind === "channel.invite";
    if (error instanceof SlackCallError && error.failure.kind === "rate_limited" && error.failure.paced) {
      // Our own pacing put a call off before it was sent: wait for it, without backoff and
      // without counting an attempt. If nothing of this attempt reached Slack, there is no
      // earlier result to look for next time. The lane waits; other lanes go on.
      this.#o.logger.debug(
        { outboxId: message.id, kind, method: error.failure.method, waitMs: error.failure.retryAfterMs },
        "outbox delivery paced",
      );
      const dueAt = new Date(now.getTime() + error.failure.retryAfterMs);
      await this.#o.queue.scheduleRetry(message.id, {
        nextAttemptAt: dueAt,
        lastError: `${error.failure.method}: paced`,
        clearSending: clearSending || (calls.sent === 0 && message.sendingAt === null),
        attempts: message.attempts,
      });
      this.#wakeWhenDue(dueAt);
      return false;
    }
    if (error instanceof NotReadyError) {
      // Due again at once: the next pass of this drain (after other lanes progress), the next
      // commit or the next tick tries again. Not a failure: no backoff, attempts not counted.
      await this.#o.queue.scheduleRetry(message.id, {
        nextAttemptAt: now,
        lastError: error.message,
        clearSending,
        attempts: message.attempts,
      });
      return false;
    }
    if (isTransientDatabaseError(error)) {
      // Our own database failed mid-delivery (a dropped connection, a full pool, a lock):
      // nothing is wrong with the message, so it waits and goes again, never marked failed.
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts - 1, 10));
      this.#o.observeDelivery(kind, "retried");
      logOperatorEvent(
        this.#o.logger,
        "warn",
        {
          event: "outbox_delivery_retry",
          err: error,
          outboxId: message.id,
          kind,
          attempts,
          retryInMs: delay,
          reason: "database unavailable",
        },
        "outbox delivery hit a database error; will be retried",
      );
      // The error may have come after Slack took the message (storing its ts failed): the
      // "being sent" mark stays, so the retry looks for that post before posting again.
      await this.#o.queue.scheduleRetry(message.id, {
        nextAttemptAt: new Date(now.getTime() + delay),
        lastError: "database unavailable",
        clearSending: false,
      });
      return false;
    }
    // Pagers (src/pager) fail the same three ways as Slack: rate limited, transient, permanent.
    // Statuspage (src/statuspage) too.
    const outside = error instanceof PagerCallError || error instanceof StatuspageCallError;
    const failure = error instanceof SlackCallError || outside ? error.failure : undefined;
    const rejectedBy =
      error instanceof StatuspageCallError
        ? "rejected_by_statuspage"
        : error instanceof PagerCallError
          ? "rejected_by_pager"
          : "rejected_by_slack";
    if (failure?.kind === "permanent" || !failure) {
      this.#o.observeDelivery(kind, "failed");
      // One line per message given up on, always with these fields (operators alert on event).
      const fields = { event: "outbox_delivery_failed", outboxId: message.id, kind, attempts } as const;
      if (error instanceof UnknownMessageError)
        logOperatorEvent(
          this.#o.logger,
          "error",
          { ...fields, reason: "unknown_shape", detail: error.message },
          "outbox message has a shape this version cannot deliver",
        );
      else if (!failure)
        logOperatorEvent(
          this.#o.logger,
          "error",
          { ...fields, reason: "crashed", err: error },
          "outbox delivery crashed",
        );
      else
        logOperatorEvent(
          this.#o.logger,
          "error",
          { ...fields, reason: rejectedBy, method: failure.method, error: failure.error },
          error instanceof StatuspageCallError
            ? "outbox message rejected by Statuspage"
            : error instanceof PagerCallError
              ? "outbox message rejected by a pager"
              : "outbox message rejected by Slack",
        );
      await this.#o.queue.markFailed(message.id, failure ? failure.error : String(error));
      // A message Slack will never take must not hold up the rest of its lane.
      return true;
    }
    const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts - 1, 10));
    const delay = failure.kind === "rate_limited" ? Math.max(failure.retryAfterMs, 1000) : backoff;
    this.#o.observeDelivery(kind, "retried");
    logOperatorEvent(
      this.#o.logger,
      "warn",
      {
        event: "outbox_delivery_retry",
        outboxId: message.id,
        kind,
        attempts,
        retryInMs: delay,
        method: failure.method,
        reason: failure.kind === "rate_limited" ? "rate limited" : failure.reason,
      },
      "outbox delivery will be retried",
    );
    const dueAt = new Date(now.getTime() + delay);
    await this.#o.queue.scheduleRetry(message.id, {
      nextAttemptAt: dueAt,
      lastError: `${failure.method}: ${failure.kind}`,
      clearSending,
    });
    if (failure.kind === "rate_limited") this.#wakeWhenDue(dueAt);
    return false;
  }
}
