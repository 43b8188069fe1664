// Delivers the outbox: lanes in parallel, each lane strictly in order, one replica per lane
// (a database lease), retrying what Slack could not take now with backoff that honours
// Retry-After, on the app's one clock. This file decides which lanes go when (drains, kicks,
// wake timers) and applies a delivery's outcome; working one lane is src/outbox/lane-pass.ts,
// what a failed delivery becomes is src/outbox/delivery-outcome.ts.
import type { Clock } from "../clock/clock.ts";
import type { OutboxBacklog, OutboxQueue, QueuedMessage } from "../db/repositories/outbox.ts";
import type { Logger } from "../log/logger.ts";
import { logOperatorEvent } from "../log/operator-events.ts";
import { type DeliveryCalls, withDeliveryCalls } from "../slack/pacing/delivery-calls.ts";
import type { DeliverFn } from "./delivery.ts";
import { decideFailure } from "./delivery-outcome.ts";
import { type Intent, isPacedRefresh, type LanesTouched } from "./intents.ts";
import type { LaneLease, LaneStep } from "./lane-lease.ts";
import { type LanePassDeps, workLane } from "./lane-pass.ts";
import { PerKeyGap } from "./per-key-gap.ts";
import { BULK, storedPriority } from "./priority.ts";

const LANES_PER_DRAIN = 50;
const KICK_DELAY_MS = 15;
/**
 * A state message (summary, board, topic…) is re-rendered at most once per this long: the
 * first change shows at once, changes within the next second merge into one edit with the
 * latest state. Spares the workspace-wide chat.update budget for other channels.
 */
const REFRESH_GAP_MS = 1_000;
/**
 * A lane whose head waits (a retry time, a rate limit) is not visited again on every commit's
 * drain for up to this long: during a burst of updates to one paced channel, each drain would
 * otherwise take the lane's lease and read its head only to find it still waiting. Short, so
 * `npm run outbox -- retry-now` (another process) still takes effect within seconds.
 */
const REMEMBER_WAITING_HEAD_MS = 10_000;
/**
 * Invites into one channel go at most once per this long (app time): the first at once, those
 * recorded meanwhile wait and merge into one call (src/db/repositories/outbox.ts merges an
 * invite into the one still waiting). A burst of Join clicks is then a call or two, not one
 * per round trip. Measured on a real timer scaled by `clockRate`, so it passes on a clock
 * that stands still between moves (demos, tests) as on the system clock.
 */
const INVITE_GAP_MS = 1_000;

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
  /** A monotonic real-time reading in ms (tests may drive it); default performance.now. */
  elapsed?: () => number;
  /** Told the outcome of every delivery attempt (metrics). */
  observeDelivery?(kind: string, outcome: "delivered" | "retried" | "failed"): void;
  /**
   * Milliseconds of the app's clock per real millisecond (1 with the system clock): the worker
   * wakes itself when a put-off message falls due, on a real timer scaled by this.
   */
  clockRate?: number;
  /**
   * Slack calls are paced (src/slack/pacing): a state message is re-rendered at most once per
   * REFRESH_GAP_MS, and a state refresh that is put off does not hold up its lane. Off: every
   * refresh goes as soon as it is due, and a lane waits behind its head whatever it is.
   */
  pacing?: boolean;
}

export type { OutboxBacklog };

export class OutboxWorker {
  readonly #o: Required<OutboxWorkerOptions>;
  #draining: Promise<number> | null = null;
  #again = false;
  #stopped = false;
  #kickTimer: NodeJS.Timeout | undefined;
  /** Lanes whose last pass here stopped at a message waiting for another lane's work (NotReady). */
  readonly #waitingForOthers = new Set<string>();
  /** Lanes this replica is delivering now (one pass at a time per lane). */
  readonly #active = new Set<string>();
  /**
   * Active lanes a commit gave urgent work meanwhile. Their pass read the lane before that
   * commit and ends with what it read, so the lane goes again in the same worker slot as soon
   * as the pass ends. Before, the new work waited for the kick's pass (a read of every lane's
   * head, 15 ms later when a drain runs) or for the drain's slowest lane: in the staleness
   * bench, an update line behind its channel's summary edit reached Slack 15 ms after it.
   */
  readonly #urgentAgain = new Set<string>();
  /** Lane workers running, over all passes: at most `concurrency`. */
  #workers = 0;
  /** Passes started by kicks while a drain runs (see kick); the drain waits for them. */
  readonly #sidePasses = new Set<Promise<void>>();
  /** Messages those passes handled, counted into the drain's total. */
  #sideHandled = 0;
  /** Last delivery of each state message on this replica (app clock), for REFRESH_GAP_MS. */
  readonly #refreshGap: PerKeyGap;
  /** Last invite call per lane and scope on this replica (elapsed real time), for INVITE_GAP_MS. */
  readonly #inviteGap: PerKeyGap;
  /** What a lane pass (src/outbox/lane-pass.ts) asks of this worker. */
  readonly #lanePass: LanePassDeps;

  constructor(options: OutboxWorkerOptions) {
    this.#o = {
      concurrency: 8,
      observeDelivery: () => {},
      clockRate: 1,
      pacing: false,
      elapsed: () => performance.now(),
      ...options,
    };
    this.#refreshGap = new PerKeyGap({ gapMs: REFRESH_GAP_MS, clock: () => this.#o.clock.now().getTime() });
    this.#inviteGap = new PerKeyGap({
      gapMs: INVITE_GAP_MS,
      clock: () => this.#o.elapsed(),
      scale: this.#o.clockRate,
    });
    this.#lanePass = {
      queue: this.#o.queue,
      clock: this.#o.clock,
      holder: this.#o.instanceId,
      pacing: this.#o.pacing,
      stopped: () => this.#stopped,
      opened: (lane) => this.#waitingForOthers.delete(lane),
      headWaits: (lane, until, now) => this.#rememberWaitingHead(lane, until, now),
      holdForRefreshGap: (message, now, lease) => this.#holdForRefreshGap(message, now, lease),
      holdForInviteGap: (message, now) => this.#holdForInviteGap(message, now),
      deliver: (message, now, lease) => this.#deliverOne(message, now, lease),
    };
  }

  #wakeTimer: NodeJS.Timeout | undefined;
  #wakeAt = Number.POSITIVE_INFINITY;
  /** App-clock instants at which put-off messages fall due (the timer is set for the earliest). */
  readonly #dueTimes = new Set<number>();

  /**
   * Drains again when a message put off (by pacing, a Retry-After or a retry's backoff) falls
   * due, instead of waiting for the scheduler's next tick (every 15 s by default): a waiting lane
   * goes on as soon as its call may. One timer, for the earliest such time; the next one is set
   * when it fires.
   */
  #wakeWhenDue(dueAt: Date): void {
    if (this.#stopped) return;
    this.#dueTimes.add(dueAt.getTime());
    this.#armWake();
  }

  #armWake(): void {
    let earliest = Number.POSITIVE_INFINITY;
    for (const at of this.#dueTimes) if (at < earliest) earliest = at;
    if (earliest === this.#wakeAt) return;
    clearTimeout(this.#wakeTimer);
    this.#wakeAt = earliest;
    if (earliest === Number.POSITIVE_INFINITY) return;
    // A time already past still wakes the worker, at once: recording the retry can take longer
    // than a short backoff (a busy database, a fast simulated clock), and dropping that time
    // left the lane to the scheduler's tick.
    const delayMs = Math.max(0, earliest - this.#o.clock.now().getTime()) / this.#o.clockRate + 1;
    this.#wakeTimer = setTimeout(() => {
      this.#wakeTimer = undefined;
      this.#wakeAt = Number.POSITIVE_INFINITY;
      const now = this.#o.clock.now().getTime();
      // The time this timer was set for goes even if the clock has not reached it (a simulated
      // clock that tests move themselves); so do all the others already past.
      for (const at of this.#dueTimes) if (at === earliest || at <= now) this.#dueTimes.delete(at);
      this.kick();
      this.#armWake();
    }, delayMs);
    this.#wakeTimer.unref();
  }

  /**
   * Asks for a drain soon (after a commit). Never throws.
   *
   * Idle, the worker drains at once: nothing is there to batch with, and the update just
   * committed is what people wait for. Busy (a burst of commands), kicks within a few
   * milliseconds are served by one pass, so the outbox takes the database in batches rather
   * than after every commit and acknowledgements keep priority; that pass starts at once the
   * lanes nobody is delivering, in free worker slots, instead of waiting for the current pass
   * to finish its slowest lane (an invite of hundreds, a paced refresh).
   *
   * `touched`, the lanes the commit recorded work in: the urgent ones start at once (see
   * #deliverNow); and when every one of them is known to wait behind its head (a paced post, a
   * retry), nothing the commit recorded can go yet and no pass is asked for: in a burst of
   * updates to one paced channel, each commit's pass read every lane's head only to find that.
   * Work falling due meanwhile has its own wake timer, and the scheduler drains on every tick.
   * Answers whether a pass was asked for.
   */
  kick(touched?: LanesTouched): boolean {
    if (this.#stopped) return false;
    if (touched?.urgent.length) this.#deliverNow(touched.urgent);
    if (touched?.lanes.length) {
      const now = this.#o.clock.now();
      if (touched.lanes.every((lane) => this.#headStillWaits(lane, now))) return false;
    }
    if (this.#draining) this.#again = true;
    if (this.#kickTimer) return true;
    this.#kickTimer = setTimeout(
      () => {
        this.#kickTimer = undefined;
        if (this.#draining) this.#sidePass();
        else void this.drain().catch((error) => this.#o.logger.error({ err: error }, "outbox drain failed"));
      },
      this.#draining ? KICK_DELAY_MS : 0,
    );
    return true;
  }

  /**
   * Starts the lanes a commit just gave urgent work (the update posted in the incident's channel,
   * its pinned summary) at once, in free worker slots: no batching delay and no read of every
   * lane's head first, so what people act on reaches Slack one lane pass after the commit.
   * Lanes this replica is delivering, or whose head is known to wait, are left to the kick's
   * pass; the lane pass itself takes the lease and reads the lane, so nothing is skipped or sent
   * twice. With no free slot, the kick's pass delivers them as before.
   */
  #deliverNow(lanes: readonly string[]): void {
    // On the next turn of the event loop: the acknowledgement the commit was made for is
    // written first, then the pass takes the database.
    setImmediate(() => {
      if (!this.#stopped) this.#startLanes(lanes);
    });
  }

  #startLanes(lanes: readonly string[]): void {
    const now = this.#o.clock.now();
    const unique = [...new Set(lanes)];
    for (const lane of unique) if (this.#active.has(lane)) this.#urgentAgain.add(lane);
    const free = unique.filter((lane) => !this.#active.has(lane) && !this.#headStillWaits(lane, now));
    if (!free.length || this.#workers >= this.#o.concurrency) return;
    this.#sidePass(free);
  }

  /** A pass beside the running drain, over lanes it is not delivering (see kick). */
  #sidePass(lanes?: string[]): void {
    const pass = this.#drainOnce(lanes)
      .then((result) => {
        this.#sideHandled += result.handled;
        // A lane that progressed may unblock one waiting for its channel (NotReady).
        if (result.progressed > 0 && this.#waitingForOthers.size > 0) this.kick();
      })
      .catch((error) => this.#o.logger.error({ err: error }, "outbox drain failed"))
      .finally(() => this.#sidePasses.delete(pass));
    this.#sidePasses.add(pass);
  }

  /** Delivers everything due now; resolves with the number of messages handled. */
  drain(): Promise<number> {
    if (this.#draining) {
      this.#again = true;
      return this.#draining;
    }
    this.#draining = (async () => {
      let handled = 0;
      this.#sideHandled = 0;
      try {
        // Another pass while the last one made progress and a lane waits for a channel
        // (NotReady): it can go as soon as the lane that creates the channel has delivered.
        // With no lane waiting so, that pass read every lane's head to find nothing new.
        let progressed = 0;
        do {
          this.#again = false;
          const pass = await this.#drainOnce();
          handled += pass.handled;
          progressed = pass.progressed;
          // Passes kicks started meanwhile end before this drain says everything due is done.
          while (this.#sidePasses.size) await Promise.all([...this.#sidePasses]);
        } while ((this.#again || (progressed > 0 && this.#waitingForOthers.size > 0)) && !this.#stopped);
      } finally {
        this.#draining = null;
      }
      return handled + this.#sideHandled;
    })();
    return this.#draining;
  }

  /** Finishes the delivery in flight and takes no more. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#kickTimer);
    clearTimeout(this.#wakeTimer);
    await this.#draining?.catch(() => {});
    await Promise.all([...this.#sidePasses]);
  }

  /** When the next pending message becomes due after `instant` (null when none). */
  async nextDueAfter(instant: Date): Promise<Date | null> {
    return this.#o.queue.nextDueAfter(instant);
  }

  async backlog(): Promise<OutboxBacklog> {
    return this.#o.queue.backlog();
  }

  /** One pass over the due lanes, or over `given` lanes (already known due) without reading heads. */
  async #drainOnce(given?: string[]): Promise<{ handled: number; progressed: number }> {
    const lanes = given ?? (await this.#dueLanes());
    const totals = { handled: 0, progressed: 0 };
    const queue = [...lanes];
    const slots = Math.min(this.#o.concurrency - this.#workers, queue.length);
    const workers = Array.from({ length: Math.max(0, slots) }, async () => {
      this.#workers++;
      try {
        for (let lane = queue.shift(); lane !== undefined && !this.#stopped; lane = queue.shift()) {
          // Taken by another pass since the heads were read: it delivers the lane.
          if (this.#active.has(lane)) continue;
          this.#active.add(lane);
          try {
            const result = await workLane(lane, this.#lanePass);
            totals.handled += result.handled;
            totals.progressed += result.progressed;
          } finally {
            this.#active.delete(lane);
          }
          if (this.#urgentAgain.delete(lane) && !this.#headStillWaits(lane, this.#o.clock.now()))
            queue.unshift(lane);
        }
      } finally {
        this.#workers--;
      }
    });
    await Promise.all(workers);
    // No free slot for some lanes (other passes hold them all): the drain goes round again.
    if (queue.length) this.#again = true;
    if (!given && lanes.length === LANES_PER_DRAIN) this.#again = true;
    return totals;
  }

  /** Lanes with a due head that no pass here delivers: what people act on first, bulk work last; oldest first within a class. */
  async #dueLanes(): Promise<string[]> {
    const now = this.#o.clock.now();
    const heads = await this.#o.queue.dueLaneHeads(now, LANES_PER_DRAIN);
    return heads
      .filter((head) => !this.#active.has(head.lane) && !this.#headStillWaits(head.lane, now))
      .map((head) => ({ lane: head.lane, priority: storedPriority(head.payload) }))
      .sort((a, b) => a.priority - b.priority)
      .map((entry) => entry.lane);
  }

  /** Lanes whose head waits, until when (app-clock ms); see REMEMBER_WAITING_HEAD_MS. */
  readonly #waitingHeads = new Map<string, number>();

  /**
   * A message that failed waits until `dueAt`: the worker wakes then (every retry, whatever
   * failed: commits do not visit a lane whose head waits, so without the timer a channel's
   * update line held by a one-second backoff after a Slack 503 waited for the scheduler's 15 s
   * tick), and until then a lane waiting behind it is known to wait. Without that, the next commit's drain (the lane still
   * has due messages behind its head) opened the lane again only to find its head waiting: a
   * lease, a read and a release for nothing, about every other lane pass while a channel was
   * paced (bench/profile-commands.ts). A put-off state refresh holds up nothing behind it.
   */
  #retryWhenDue(message: QueuedMessage, dueAt: Date, now: Date): void {
    this.#wakeWhenDue(dueAt);
    const steppedOver = isPacedRefresh(this.#o.pacing, message.kind);
    if (!steppedOver && dueAt > now) this.#rememberWaitingHead(message.lane, dueAt, now);
  }

  #rememberWaitingHead(lane: string, dueAt: Date, now: Date): void {
    if (this.#waitingHeads.size > 1_000)
      for (const [known, until] of this.#waitingHeads)
        if (until <= now.getTime()) this.#waitingHeads.delete(known);
    this.#waitingHeads.set(lane, Math.min(dueAt.getTime(), now.getTime() + REMEMBER_WAITING_HEAD_MS));
  }

  #headStillWaits(lane: string, now: Date): boolean {
    const until = this.#waitingHeads.get(lane);
    if (until === undefined) return false;
    if (until > now.getTime()) return true;
    this.#waitingHeads.delete(lane);
    return false;
  }

  #refreshKey(message: QueuedMessage): string {
    return `${message.lane}|${JSON.stringify(message.payload)}`;
  }

  /**
   * Puts a state refresh off when the same message was re-rendered less than the gap ago: its
   * retry time moves to the end of the gap, so the drains meanwhile do not read it again.
   */
  async #holdForRefreshGap(message: QueuedMessage, now: Date, lease: LaneLease): Promise<boolean> {
    const waitMs = this.#refreshGap.waitMs(this.#refreshKey(message), now.getTime());
    if (waitMs === 0) return false;
    const dueAt = new Date(now.getTime() + waitMs);
    // Not marked as being sent: changes recorded meanwhile merge into it.
    await lease.settle("stepped over", (release) =>
      this.#o.queue.scheduleRetry(
        message.id,
        { nextAttemptAt: dueAt, lastError: "refresh gap", clearSending: false },
        release,
      ),
    );
    this.#wakeWhenDue(dueAt);
    return true;
  }

  #inviteKey(message: QueuedMessage): string {
    return `${message.lane}|${JSON.stringify((message.payload as { scope?: unknown } | null)?.scope)}`;
  }

  /**
   * Puts an invite off while the same channel got one less than the gap ago. Not marked as
   * being sent, so invites recorded meanwhile merge into it; a timer drains again when the
   * gap is over.
   */
  #holdForInviteGap(message: QueuedMessage, now: Date): boolean {
    const waitAppMs = this.#inviteGap.waitMs(this.#inviteKey(message));
    if (waitAppMs === 0) return false;
    this.#wakeWhenDue(new Date(now.getTime() + waitAppMs));
    return true;
  }

  #invited(message: QueuedMessage): void {
    if (message.kind === "channel.invite") this.#inviteGap.mark(this.#inviteKey(message));
  }

  #refreshed(message: QueuedMessage): void {
    if (isPacedRefresh(this.#o.pacing, message.kind)) this.#refreshGap.mark(this.#refreshKey(message));
  }

  /**
   * "settled": the lane may go on; "rate-limited": put off by pacing or Slack's Retry-After
   * (a state refresh is then stepped over); "wait": the lane waits.
   */
  async #deliverOne(message: QueuedMessage, now: Date, lease: LaneLease): Promise<LaneStep> {
    const intent = message.payload as unknown as Intent;
    const previouslyAttempted = message.sendingAt !== null;
    // Recorded before the call: if the process dies mid-call, the retry knows to look first.
    // A lane's head is often marked already, by the read that opened the lane.
    if (!message.markedInRead) await this.#o.queue.markSending(message.id, now);
    const calls: DeliveryCalls = { bulk: storedPriority(message.payload) === BULK, sent: 0 };
    try {
      const result = await withDeliveryCalls(calls, () =>
        this.#o.deliver(intent, { message, previouslyAttempted }),
      );
      await lease.settle("settled", (release) =>
        this.#o.queue.markDelivered(message.id, this.#o.clock.now(), result, release),
      );
      this.#o.observeDelivery(message.kind, "delivered");
      this.#refreshed(message);
      this.#invited(message);
      return "settled";
    } catch (error) {
      return this.#handleFailure(message, error, calls, lease);
    }
  }

  /** Applies what a failed attempt became (src/outbox/delivery-outcome.ts). */
  async #handleFailure(
    message: QueuedMessage,
    error: unknown,
    calls: DeliveryCalls,
    lease: LaneLease,
  ): Promise<LaneStep> {
    const now = this.#o.clock.now();
    const decision = decideFailure({ message, error, now, callsSent: calls.sent });
    if (decision.waitsForOthers) this.#waitingForOthers.add(message.lane);
    if (decision.observed) this.#o.observeDelivery(message.kind, decision.observed);
    const log = decision.log;
    if (log?.level === "debug") this.#o.logger.debug(log.fields, log.message);
    else if (log) logOperatorEvent(this.#o.logger, log.level, log.event, log.message);
    const { settle, step } = decision;
    if ("failed" in settle)
      await lease.settle(step, (release) => this.#o.queue.markFailed(message.id, settle.failed, release));
    else
      await lease.settle(step, (release) => this.#o.queue.scheduleRetry(message.id, settle.retry, release));
    if (decision.wake && "retry" in settle) this.#retryWhenDue(message, settle.retry.nextAttemptAt, now);
    return step;
  }
}
