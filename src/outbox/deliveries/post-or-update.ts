// A state message (summary, board, announcement, handoff card) is posted once, its ts stored,
// and from then on edited in place, only when what it shows changed.
import type { Gateway } from "../../slack/gateway.ts";
import type { RenderedMessage } from "../../slack/views/render-message.ts";
import type { DeliveryAttempt } from "../delivery.ts";
import { postOnce } from "./post-once.ts";
import { updateIfChanged } from "./update-if-changed.ts";

export interface StateMessage {
  channel: string;
  /** Where it was posted before; null when it has not been posted yet. */
  ts: string | null;
  content: RenderedMessage;
  /** Stores the ts of a first post, so later deliveries edit it. */
  rememberTs(ts: string): Promise<void>;
}

export type ShownState = { ts: string; posted: true } | { ts: string; updated: boolean };

export async function postOrUpdate(
  gateway: Gateway,
  attempt: DeliveryAttempt,
  message: StateMessage,
): Promise<ShownState> {
  const { channel, ts, content } = message;
  if (ts) return { ts, updated: await updateIfChanged(gateway, { channel, ts, ...content }) };
  const posted = await postOnce(gateway, attempt, { channel, ...content });
  await message.rememberTs(posted.ts);
  return { ts: posted.ts, posted: true };
}
