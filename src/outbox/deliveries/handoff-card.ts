// Posts a handoff's message once, then edits it in place as the handoff moves on. Rendered
// from the Handoff row as it is at delivery, so pending refreshes coalesce into one edit.

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
  return postOrUpdate(deps.gateway, attempt, {
    channel: await channelOfScope(db, intent.scope),
    ts: handoff.promptTs,
    content,
    rememberTs: async (ts) => {
      await db.handoff.update({ where: { id: handoff.id }, data: { promptTs: ts } });
    },
  });
}
