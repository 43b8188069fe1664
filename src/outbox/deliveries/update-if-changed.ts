// Updating a state message (summary, board, announcement, handoff card) only when what it shows
// changed: many changes do not alter a given message (a service note does not change the
// announcement's tally), and each chat.update spends Slack's per-method rate limit.
import { createHash } from "node:crypto";
import type { Gateway } from "../../slack/gateway.ts";

const MAX_REMEMBERED = 20_000;
// What this process last wrote to each message, per Slack connection. After a restart the first
// update is always sent (last-write-wins), so a stale memory can cost one call, never a stale
// message.
const written = new WeakMap<Gateway, Map<string, string>>();

export async function updateIfChanged(
  gateway: Gateway,
  message: { channel: string; ts: string; text: string; blocks?: unknown[] },
): Promise<boolean> {
  let lastWritten = written.get(gateway);
  if (!lastWritten) {
    lastWritten = new Map();
    written.set(gateway, lastWritten);
  }
  const key = `${message.channel}:${message.ts}`;
  const digest = createHash("sha1")
    .update(message.text)
    .update(JSON.stringify(message.blocks ?? []))
    .digest("hex");
  if (lastWritten.get(key) === digest) return false;
  await gateway.updateMessage(message);
  if (lastWritten.size >= MAX_REMEMBERED) lastWritten.clear();
  lastWritten.set(key, digest);
  return true;
}
