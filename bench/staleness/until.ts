// Polls `check` until it gives a value: the staleness benchmark's one way to wait for something
// another process does (the bot's commit, Slack receiving a call), in the bench's process and in
// Slack's (slack-process.ts).
import { setTimeout as sleep } from "node:timers/promises";

/** Longer than any wait a healthy run has: the bot's outbox under Slack's limits included. */
const WAIT_MS = 120_000;

export async function until<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  everyMs = 10,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > WAIT_MS) throw new Error(`staleness: waited too long for ${what}`);
    await sleep(everyMs);
  }
}
