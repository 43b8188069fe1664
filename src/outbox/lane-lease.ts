// The lease a lane pass holds (src/outbox/worker.ts), and when the statement settling a
// message may release it too: only when nothing of the lane is done after that statement. A
// pass that delivers one message then makes one round trip at its end instead of two (the
// "delivered" mark, then the lease's DELETE); see src/db/repositories/outbox-settle.ts.
import type { HeldLease } from "../db/repositories/outbox.ts";

/** How delivering (or holding back) one message left its lane. */
export type LaneStep = "settled" | "rate-limited" | "wait" | "stepped over";

export class LaneLease {
  readonly held: HeldLease;
  /** Stops the lease's renewal: a heartbeat after the release would take the lane again. */
  readonly #stopRenewing: () => void;
  #released = false;
  #ends: (step: LaneStep) => boolean = () => false;

  constructor(held: HeldLease, stopRenewing: () => void) {
    this.held = held;
    this.#stopRenewing = stopRenewing;
  }

  /** Released by a settling statement: the pass must end now (and not release again). */
  get released(): boolean {
    return this.#released;
  }

  /** Set before each message: which of its outcomes end the pass (see the worker's loop). */
  endsWith(ends: (step: LaneStep) => boolean): void {
    this.#ends = ends;
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
