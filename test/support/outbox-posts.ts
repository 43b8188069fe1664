// The outbox ids of the bot's posts in channels created after a moment, read from the message
// metadata the outbox attaches: how crash and signal tests see whether a delivery posted twice.
import { OUTBOX_METADATA_TYPE } from "../../src/outbox/deliveries/post-once.ts";
import type { SlackEmulator } from "./slack-emulator/index.ts";

/** Call once before the action; the returned function lists outbox ids of posts made since. */
export function outboxPostsInNewChannels(emulator: SlackEmulator): () => (number | undefined)[] {
  const before = new Set(emulator.channels().map((c) => c.id));
  return () =>
    emulator
      .channels()
      .filter((c) => !before.has(c.id))
      .flatMap((c) => emulator.messages(c.id))
      .filter((m) => m.metadata?.event_type === OUTBOX_METADATA_TYPE)
      .map((m) => (m.metadata?.event_payload as { outbox_id?: number } | undefined)?.outbox_id);
}
