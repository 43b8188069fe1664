// Realistic-looking Slack identifiers and message timestamps. Ids are deterministic (a
// counter scrambled by an odd multiplier, so consecutive ids do not look sequential and
// never collide); `ts` values are strictly increasing across the whole workspace.
import { createHash } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const SPACE = 36n ** 10n;
// Coprime with 36^10 (not divisible by 2 or 3), so n → n·K mod 36^10 is a bijection.
const MULTIPLIER = 1_123_581_321_345_589n;
const OFFSET = 1_234_567_890_123n;

export class IdFactory {
  #counter = 0n;

  /** `prefix` + 10 uppercase alphanumerics, unique across every id this factory makes. */
  next(prefix: string): string {
    this.#counter += 1n;
    let n = (this.#counter * MULTIPLIER + OFFSET) % SPACE;
    let out = "";
    for (let i = 0; i < 10; i++) {
      out = ALPHABET[Number(n % 36n)] + out;
      n /= 36n;
    }
    return prefix + out;
  }

  /** A deterministic lowercase hex string of `length` characters. */
  hex(length: number): string {
    this.#counter += 1n;
    return createHash("sha256").update(`emulator-${this.#counter}`).digest("hex").slice(0, length);
  }

  /** A deterministic alphanumeric string (mixed case), like the tail of a view hash. */
  alnum(length: number): string {
    const hex = this.hex(length * 2);
    const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let out = "";
    for (let i = 0; i < length; i++) out += chars[Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16) % 62];
    return out;
  }
}

/** Issues "1700000000.000100"-style timestamps: wall-clock based, strictly increasing. */
export class TsClock {
  #lastMicros = 0;
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  next(): string {
    // Date.now() * 1000 stays below 2^53 until the year 2255, so plain numbers are exact.
    // Whole microseconds: a clock may give fractions of a millisecond (the staleness bench's).
    this.#lastMicros = Math.max(Math.floor(this.#now() * 1000), this.#lastMicros + 1);
    return formatMicros(this.#lastMicros);
  }
}

function formatMicros(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = micros - seconds * 1_000_000;
  return `${seconds}.${String(fraction).padStart(6, "0")}`;
}

/**
 * Orders two Slack timestamps ("1700000000.000100", "1700000000", "0"). Compared as
 * integer seconds, then six-digit fractions, because doubles lose the last microsecond digit.
 */
export function compareTs(a: string, b: string): number {
  const [aSec = "0", aFrac = ""] = a.split(".");
  const [bSec = "0", bFrac = ""] = b.split(".");
  const secDiff = Number(aSec) - Number(bSec);
  if (secDiff !== 0) return secDiff < 0 ? -1 : 1;
  const af = aFrac.padEnd(6, "0");
  const bf = bFrac.padEnd(6, "0");
  return af < bf ? -1 : af > bf ? 1 : 0;
}
