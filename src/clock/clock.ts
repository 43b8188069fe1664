// The one clock the whole app reads: timestamps, reminders, handoff boundaries, escalations
// and outbox retries. Production uses the system clock; demos and drills use a simulated
// clock that stands still until moved (see src/http/sim-clock-route.ts).

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class ClockMovedBackwardsError extends Error {
  constructor(
    readonly from: Date,
    readonly to: Date,
  ) {
    super(`the clock cannot move backwards (now ${from.toISOString()}, asked for ${to.toISOString()})`);
    this.name = "ClockMovedBackwardsError";
  }
}

/** A clock that stands still at `start` and only moves forward when told. */
export class SimulatedClock implements Clock {
  #now: number;

  constructor(start: Date) {
    this.#now = start.getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  set(to: Date): void {
    if (to.getTime() < this.#now) throw new ClockMovedBackwardsError(this.now(), to);
    this.#now = to.getTime();
  }
}
