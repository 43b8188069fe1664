// Every call the app made and every rule it broke, in order, for tests to assert on.
// Long demo or benchmark runs can cap how many calls are kept; violations are always kept.
import type { Args, CallRecord, Violation } from "./types.ts";

export class Recorder {
  #calls: CallRecord[] = [];
  readonly violations: Violation[] = [];
  #byMethod = new Map<string, CallRecord[]>();
  /** 429s by method, kept whole when old calls are trimmed (benchmarks count them at the end). */
  readonly rateLimitedByMethod = { tier: new Map<string, number>(), fault: new Map<string, number>() };

  constructor(
    /** The emulator's clock (the server stamps each request's arrival with it). */
    readonly now: () => number,
    /** Keep at least the newest this many calls (older ones are dropped in batches). */
    private readonly maxCalls = Number.POSITIVE_INFINITY,
  ) {}

  get calls(): readonly CallRecord[] {
    return this.#calls;
  }

  /** `receivedAt`: when its request arrived (default: now, for calls recorded as they arrive). */
  call(method: string, args: Args, error: string | undefined, receivedAt?: number): CallRecord {
    const at = this.now();
    const record: CallRecord = { method, args, ok: error === undefined, at, receivedAt: receivedAt ?? at };
    if (error !== undefined) record.error = error;
    this.#calls.push(record);
    let list = this.#byMethod.get(method);
    if (!list) {
      list = [];
      this.#byMethod.set(method, list);
    }
    list.push(record);
    // Trimming only when twice over the cap keeps recording O(1) amortized.
    if (this.#calls.length > 2 * this.maxCalls) this.#trim();
    return record;
  }

  /** A call answered 429 (it changed nothing). */
  rateLimited(
    method: string,
    args: Args,
    by: "tier" | "fault",
    retryAfterSeconds: number,
    receivedAt?: number,
  ): CallRecord {
    const record = this.call(method, args, "ratelimited", receivedAt);
    record.rateLimited = { by, retryAfterSeconds };
    const counts = this.rateLimitedByMethod[by];
    counts.set(method, (counts.get(method) ?? 0) + 1);
    return record;
  }

  violation(method: string, args: Args, error: string, reason: string): void {
    this.violations.push({ method, args, error, reason, at: this.now() });
  }

  callsTo(method: string): CallRecord[] {
    return [...(this.#byMethod.get(method) ?? [])];
  }

  #trim(): void {
    this.#calls = this.#calls.slice(-this.maxCalls);
    const kept = new Set(this.#calls);
    for (const [method, list] of this.#byMethod) {
      const trimmed = list.filter((record) => kept.has(record));
      if (trimmed.length === 0) this.#byMethod.delete(method);
      else this.#byMethod.set(method, trimmed);
    }
  }
}
