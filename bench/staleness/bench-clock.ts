// The staleness benchmark's bench clock: wall time plus the idle time the replay skipped
// (replay.ts). The bench's process and Slack's (slack-process.ts) each keep one, moved together
// by world.skip, so Slack's buckets refill over a skipped idle hour while bursts run in real time.
//
// In fractions of a millisecond: a channel update's floor (the durable path at rest) is 1–4 ms,
// and with Date.now() every stamp, and so every staleness and the floor itself, was a whole
// millisecond: a quantum of 25–100% of the floor the 2× target divides by. The wall time is the
// process's high-resolution timer from its start (performance.timeOrigin, a wall-clock instant),
// so the two processes' stamps still compare.

/** Wall time plus the idle time skipped so far, in (fractional) milliseconds since the epoch. */
export class BenchClock {
  #skipped = 0;
  now(): number {
    return performance.timeOrigin + performance.now() + this.#skipped;
  }
  skip(ms: number): void {
    if (ms > 0) this.#skipped += ms;
  }
  get skippedMs(): number {
    return this.#skipped;
  }
}
