// The contract between the outbox worker and the code that performs each kind of intent.
import type { QueuedMessage } from "../db/repositories/outbox.ts";
import type { Intent, IntentKind, IntentOf } from "./intents.ts";
import { UnknownMessageError } from "./messages.ts";

export interface DeliveryAttempt {
  message: QueuedMessage;
  /**
   * A previous attempt may have reached Slack before the process stopped: a non-idempotent
   * delivery must look for its earlier result before acting again.
   */
  previouslyAttempted: boolean;
}

/** Performs one intent. Returns what is worth remembering (e.g. a message ts), or nothing. */
export type DeliverFn = (intent: Intent, attempt: DeliveryAttempt) => Promise<unknown>;

export type DeliveryHandlers<Deps> = {
  [K in IntentKind]: (intent: IntentOf<K>, attempt: DeliveryAttempt, deps: Deps) => Promise<unknown>;
};

/** Thrown when an intent depends on something not there yet (a channel still being created). */
export class NotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotReadyError";
  }
}

export function dispatchDelivery<Deps>(handlers: DeliveryHandlers<Deps>, deps: Deps): DeliverFn {
  return async (intent, attempt) => {
    const kind = (intent as { kind?: unknown } | null)?.kind;
    // A row written by another version (or by hand) may name a kind this one does not know.
    if (typeof kind !== "string" || !Object.hasOwn(handlers, kind))
      throw new UnknownMessageError(`cannot deliver intent of unknown kind ${JSON.stringify(kind)}`);
    const handler = handlers[kind as IntentKind] as (
      i: Intent,
      a: DeliveryAttempt,
      d: Deps,
    ) => Promise<unknown>;
    return handler(intent, attempt, deps);
  };
}
