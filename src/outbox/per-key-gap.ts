// A minimum gap between two goes of the same thing (a state message's refresh, the invites into
// one channel), remembered per key on this replica. The outbox worker steps over a message
// while its key is inside the gap and wakes itself when the gap is over.

/** Past this many remembered keys, marking one first forgets the keys whose gap is over. */
const PRUNE_ABOVE = 1_000;

export interface PerKeyGapOptions {
  /** The gap, in milliseconds of the app's time. */
  gapMs: number;
  /** A reading of the clock the gap is measured on (only differences between readings count). */
  clock: () => number;
  /**
   * Gap milliseconds per unit of `clock` (default 1). The invite gap is app time measured on a
   * real timer, so its clock is elapsed real time and its scale the app clock's rate.
   */
  scale?: number;
}

export class PerKeyGap {
  readonly #gapMs: number;
  readonly #clock: () => number;
  readonly #scale: number;
  /** Clock reading of each key's last go. */
  readonly #last = new Map<string, number>();

  constructor(options: PerKeyGapOptions) {
    this.#gapMs = options.gapMs;
    this.#clock = options.clock;
    this.#scale = options.scale ?? 1;
  }

  /**
   * Milliseconds (of the gap) before `key` may go again; 0 when it may go now. `now` is a
   * reading of the gap's clock, taken fresh when not given (callers that judge a whole pass
   * against one reading pass theirs).
   */
  waitMs(key: string, now?: number): number {
    const last = this.#last.get(key);
    if (last === undefined) return 0;
    const wait = this.#gapMs - ((now ?? this.#clock()) - last) * this.#scale;
    return Math.max(wait, 0);
  }

  /** Records a go of `key` now (a fresh reading of the gap's clock). */
  mark(key: string): void {
    const now = this.#clock();
    if (this.#last.size > PRUNE_ABOVE)
      for (const [known, last] of this.#last)
        if ((now - last) * this.#scale >= this.#gapMs) this.#last.delete(known);
    this.#last.set(key, now);
  }

  /** Keys remembered now (pruning keeps this bounded to those inside their gap, past 1,000). */
  get size(): number {
    return this.#last.size;
  }
}
