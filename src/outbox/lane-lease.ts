// The lease a lane pass holds (src/outbox/lane-pass.ts), and when the statement settling a
// message may release it too: only when nothing of the lane is done after that statement. A
// pass that delivers one message then makes one round trip at its end instead of two (the
// "delivered" mark, then the lease's DELETE); see src/db/repositories/outbox-settle.ts.
import type { HeldLease } from "../db/repositories/outbox.ts";

/** How delivering (or holding back) one message left its lane. */
export type LaneStep = "settled" | "rate-limited" | "wait" | "stepped over";

/** Where the message a pass works on stands in its lane: which of its steps end the pass. */
export interface MessagePlace {
  /** Nothing due follows it in what the pass read: whatever comes of it ends the pass. */
  last: boolean;
  /** A state refresh under pacing: put off by a rate limit, it is stepped over, not waited for. */
  refresh: boolean;
}

export class LaneLease {
  readonly held: HeldLease;
  /** Stops the lease's renewal: a heartbeat after the release would take the lane again. */
  readonly #stopRenewing: () => void;
  #released = false;
  /** Null before the pass's first message: nothing settles then. */
  #place: MessagePlace | null = null;

  constructor(held: HeldLease, stopRenewing: () => void) {
    this.held = held;
    this.#stopRenewing = stopRenewing;
  }

  /** Released by a settling statement: the pass must end now (and not release again). */
  get released(): boolean {
    return this.#released;
  }

  /** Set before each message (see the lane pass's loop). */
  workingOn(place: MessagePlace): void {
    this.#place = place;
  }

  /**
   * Whether `step` ends the pass: any step of the lane's last message, a wait, and a rate limit
   * unless a state refresh is stepped over (mirrors the breaks of the lane pass's loop).
   */
  #ends(step: LaneStep): boolean {
    const place = this.#place;
    if (!place) return false;
    return place.last || step === "wait" || (step === "rate-limited" && !place.refresh);
  }

  /**
   * Runs a settling statement, handing it the lease to release when `step` ends the pass.
   * Marked released only once that statement succeeded; otherwise the pass's own release runs.
   */
  async settle(step: LaneStep, send: (release: HeldLease | undefined) => Promise<void>): Promise<void> {
    if (!this.#ends(step)) {
      await send(undefined);
      return;
    }
    this.#stopRenewing();
    await send(this.held);
    this.#released = true;
  }
}
