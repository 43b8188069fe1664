// The staleness benchmark's bench clock: wall time plus the idle time the replay skipped
// (replay.ts). The bench's process and Slack's (slack-process.ts) each keep one, moved together
// by world.skip, so Slack's buckets refill over a skipped idle hour while bursts run in real time.

/** Wall time plus the idle time skipped so far. */
export class BenchClock {
  #skipped = 0;
  now(): number {
    return Date.now() + this.#skipped;
  }
  skip(ms: number): void {
    if (ms > 0) this.#skipped += ms;
  }
  get skippedMs(): number {
    return this.#skipped;
  }
}
