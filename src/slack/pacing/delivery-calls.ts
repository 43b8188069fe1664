// What the gateway needs to know about the outbox delivery a Web API call belongs to, without
// threading it through every delivery: whether the work is bulk (paced behind urgent work),
// and whether any call of this attempt reached Slack (if none did, a put-off message has
// nothing to look for when it is tried again).
import { AsyncLocalStorage } from "node:async_hooks";

export interface DeliveryCalls {
  bulk: boolean;
  /** Calls of this attempt that were sent to Slack. */
  sent: number;
}

const storage = new AsyncLocalStorage<DeliveryCalls>();

/** Runs one delivery attempt; its Web API calls report into `calls`. */
export function withDeliveryCalls<T>(calls: DeliveryCalls, attempt: () => Promise<T>): Promise<T> {
  return storage.run(calls, attempt);
}

/** The delivery the current call belongs to (undefined outside the outbox: listeners, jobs). */
export function currentDeliveryCalls(): DeliveryCalls | undefined {
  return storage.getStore();
}
