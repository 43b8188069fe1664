// A lane pass: one replica working one lane of the outbox, strictly in order. It takes the
// lane's lease and reads the lane's first messages, delivers and settles them one by one while
// a heartbeat renews the lease, and reads on until the lane is empty or its head must wait;
// the statement settling its last step lets go of the lease (src/outbox/lane-lease.ts). Which
// lanes get a pass, when, and what a delivery or a put-off does stay with the worker
// (src/outbox/worker.ts), which hands them in as LanePassDeps.
import type { Clock } from "../clock/clock.ts";
import type { OutboxQueue, QueuedMessage } from "../db/repositories/outbox.ts";
import { isPacedRefresh } from "./intents.ts";
import { LaneLease, type LaneStep } from "./lane-lease.ts";

// Short, and renewed while a lane is worked on: a replica that dies holds its lanes for at
// most this long. A stopping replica releases its lanes at once; one that crashed cannot be
// told apart from a live one (holders are random ids), so its lanes wait for the expiry.
const LANE_LEASE_MS = 20_000;
const LANE_LEASE_RENEW_MS = 5_000;
/** Messages of one lane read at once (they are then delivered one by one, in order). */
const LANE_BATCH = 25;

/** What a lane pass needs from the worker that runs it. */
export interface LanePassDeps {
  queue: Pick<OutboxQueue, "openLane" | "pendingInLane" | "renewLease" | "releaseLease">;
  clock: Clock;
  /** This process in leases. */
  holder: string;
  /** Put-off state refreshes are stepped over (see OutboxWorkerOptions.pacing). */
  pacing: boolean;
  /** The worker stops: the pass takes no further message. */
  stopped(): boolean;
  /** The lane's lease is now ours (its head may have waited for another lane's work). */
  opened(lane: string): void;
  /** The lane's head waits for its retry time, `until`: the lane waits behind it. */
  headWaits(lane: string, until: Date, now: Date): void;
  /** Puts a state refresh re-rendered less than its gap ago off, settling through `lease`; true when so. */
  holdForRefreshGap(message: QueuedMessage, now: Date, lease: LaneLease): Promise<boolean>;
  /** Holds an invite back while its channel got one less than the gap ago (no statement); true when so. */
  holdForInviteGap(message: QueuedMessage, now: Date): boolean;
  /** Delivers the message and settles it through `lease`. */
  deliver(message: QueuedMessage, now: Date, lease: LaneLease): Promise<LaneStep>;
}

/** Messages a pass attempted (handled) and those it settled as sent or failed (progressed). */
export interface LanePassResult {
  handled: number;
  progressed: number;
}

/** Delivers a lane's due messages in order; nothing when another replica holds its lease. */
export async function workLane(lane: string, deps: LanePassDeps): Promise<LanePassResult> {
  const leaseKey = `outbox:${lane}`;
  const result = { handled: 0, progressed: 0 };
  // The lease and the first read in one go (one transaction on SQLite).
  const opened = await deps.queue.openLane({
    lane,
    leaseKey,
    holder: deps.holder,
    now: deps.clock.now(),
    ttlMs: LANE_LEASE_MS,
    limit: LANE_BATCH,
  });
  if (!opened) return result;
  // Put back by the worker if the lane's head still waits for another lane.
  deps.opened(lane);
  // Renewed on a wall-clock heartbeat: one slow Slack call must not let the lease lapse. Only
  // renewed, never taken: a renewal landing after the pass let go must not hold the lane.
  const heartbeat = setInterval(() => {
    void deps.queue.renewLease(leaseKey, deps.holder, deps.clock.now(), LANE_LEASE_MS).catch(() => {});
  }, LANE_LEASE_RENEW_MS);
  heartbeat.unref();
  const lease = new LaneLease({ key: leaseKey, holder: deps.holder }, () => clearInterval(heartbeat));
  try {
    // State refreshes put off (by a rate limit or the refresh gap) are stepped over: they render
    // whatever is current when they go, so nothing behind them needs to wait for them.
    const steppedOver = new Set<number>();
    let read: QueuedMessage[] | null = opened;
    reading: while (!deps.stopped()) {
      const batch = read ?? (await deps.queue.pendingInLane(lane, LANE_BATCH));
      read = null;
      if (!batch.length || batch.every((message) => steppedOver.has(message.id))) break;
      for (const [index, message] of batch.entries()) {
        if (steppedOver.has(message.id)) continue;
        const now = deps.clock.now();
        if (deps.stopped()) break reading;
        const refresh = isPacedRefresh(deps.pacing, message.kind);
        // The last message of a short batch ends the pass whatever comes of it, and so does
        // one followed only by messages not due yet (a waiting head ends the pass, a waiting
        // refresh is stepped over without a statement); otherwise a lane that must wait does
        // (LaneLease mirrors the breaks below). Such a step's settling statement releases the
        // lease. A later message falling due meanwhile is then left to the next pass.
        const last =
          batch.length < LANE_BATCH &&
          batch.slice(index + 1).every((later) => steppedOver.has(later.id) || later.nextAttemptAt > now);
        lease.workingOn({ last, refresh });
        if (message.nextAttemptAt > now) {
          // The head waits for its retry time: later messages of the lane wait behind it.
          if (!refresh) {
            deps.headWaits(lane, message.nextAttemptAt, now);
            break reading;
          }
          steppedOver.add(message.id);
          continue;
        }
        // Inside its gap, a refresh or an invite (never both kinds) is stepped over: what is
        // behind it in the lane need not wait for it.
        const insideGap = refresh
          ? await deps.holdForRefreshGap(message, now, lease)
          : message.kind === "channel.invite" && deps.holdForInviteGap(message, now);
        if (insideGap) {
          steppedOver.add(message.id);
          if (lease.released) break reading;
          continue;
        }
        const outcome = await deps.deliver(message, now, lease);
        result.handled++;
        // Never deliver on without the lease (the step was meant to end the pass anyway).
        if (lease.released) {
          if (outcome === "settled") result.progressed++;
          break reading;
        }
        if (outcome === "rate-limited" && refresh) {
          steppedOver.add(message.id);
          continue;
        }
        if (outcome !== "settled") break reading;
        result.progressed++;
      }
      if (batch.length < LANE_BATCH) break;
    }
  } finally {
    clearInterval(heartbeat);
    if (!lease.released) await deps.queue.releaseLease(leaseKey, deps.holder);
  }
  return result;
}
