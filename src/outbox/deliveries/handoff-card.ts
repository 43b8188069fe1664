// Posts a handoff's message once, then edits it in place as the handoff moves on. Rendered
// from the Handoff row as it is at delivery, so pending refreshes coalesce into one edit.

import { handoffCardOf, storeHandoffCardTs } from "../../db/repositories/delivery-scope.ts";
import type { Deps } from "../../deps.ts";
import { handoffCard } from "../../slack/views/handoffs/handoff-card.ts";
import type { DeliveryAttempt } from "../delivery.ts";
import type { IntentOf } from "../intents.ts";
import { channelOfScope } from "./channels.ts";
import { postOrUpdate } from "./post-or-update.ts";

export async function deliverHandoffCard(
  intent: IntentOf<"handoff.card">,
  attempt: DeliveryAttempt,
  deps: Deps,
): Promise<unknown> {
  const { db, provider } = deps.database;
  const handoff = await handoffCardOf(db, provider, intent.handoffId);
  if (!handoff) return { skipped: "no such handoff" };
  const content = handoffCard(handoff);
  return postOrUpdate(deps.gateway, attempt, {
    channel: await channelOfScope(db, intent.scope),
    ts: handoff.promptTs,
    content,
    rememberTs: (ts) => storeHandoffCardTs(db, handoff.id, ts),
  });
}
