// The one way a test waits for work the app finishes after it answered (Events API callbacks
// are acknowledged before they are handled, listeners finish after their ack, a second process
// delivers its outbox on its own schedule): retry an assertion until it passes.
//
// The deadline is generous on purpose: it only matters when the test is failing, and a busy
// machine (CI with other jobs beside it) can be many times slower than a quiet one. A wait
// never makes a test pass, only the assertion inside it does.
import { setTimeout as sleep } from "node:timers/promises";

export interface EventuallyOptions {
  /** Give up after this long (real time). */
  timeoutMs?: number;
  /** Pause between attempts. */
  intervalMs?: number;
}

export const EVENTUALLY_TIMEOUT_MS = 20_000;

/**
 * Runs `assertion` until it returns without throwing, and resolves with what it returned. After
 * the deadline, throws the assertion's last error, so the failure says what was expected.
 */
export async function eventually<T>(
  assertion: () => T | Promise<T>,
  { timeoutMs = EVENTUALLY_TIMEOUT_MS, intervalMs = 25 }: EventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(intervalMs);
    }
  }
}

/** `value` itself, or an error naming `what` when it is missing (for use inside `eventually`). */
export function present<T>(value: T | null | undefined | false, what: string): T {
  if (value === null || value === undefined || value === false) throw new Error(`${what}: not there yet`);
  return value;
}
