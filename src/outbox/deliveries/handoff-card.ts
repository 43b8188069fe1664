// Posts a handoff's message once, then edits it in place as the handoff moves on. Rendered
// from the Handoff row as it is at delivery, so pending refreshes coalesce into one edit.

import type { Deps } from "../../deps.ts";
import { handoffCard } from "../../slack/views/handoffs/handoff-card.ts";
import type { DeliveryAttempt } from "../delivery.ts";
import type { IntentOf } from "../intents.ts";
import { channelOfScope } from "./channels.ts";
import { postOnce } from "./post-once.ts";
import { updateIfChanged } from "./update-if-changed.ts";

export async function deliverHandoffCard(
  intent: IntentOf<"handoff.card">,
  attempt: DeliveryAttempt,
  deps: Deps,
): Promise<unknown> {
  const { db } = deps.database;
  const handoff = await db.handoff.findUnique({ where: { id: intent.handoffId } });
  if (!handoff) return { skipped: "no such handoff" };
  const [incident, workstream] = await Promise.all([
    db.incident.findUnique({ where: { id: handoff.incidentId } }),
    handoff.workstreamId ? db.workstream.findUnique({ where: { id: handoff.workstreamId } }) : null,
  ]);
  if (!incident) return { skipped: "no such incident" };
  const content = handoffCard({
    ...handoff,
    incidentNumber: incident.number,
    workstream: workstream?.name ?? null,
  });
  const channel = await channelOfScope(db, intent.scope);
  if (handoff.promptTs) {
    await updateIfChanged(deps.gateway, { channel, ts: handoff.promptTs, ...content });
    return { ts: handoff.promptTs, updated: true };
  }
  const posted = await postOnce(deps.gateway, attempt, { channel, ...content });
  await db.handoff.update({ where: { id: handoff.id }, data: { promptTs: posted.ts } });
  return { ts: posted.ts, posted: true };
}
