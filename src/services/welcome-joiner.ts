// Someone joined an incident or workstream channel: tell them, and only them, where things
// stand, so a responder arriving mid-outage does not scroll back hundreds of messages. Once per
// join event (Slack retries late acknowledgements); nothing for the bot itself.
import { loadIncidentView } from "../db/queries/incident-view.ts";
import type { Deps } from "../deps.ts";
import { scopeOfChannel } from "./incident-scope.ts";
import { runChange, sendLater } from "./support.ts";

export async function welcomeJoiner(
  deps: Deps,
  join: { channelId: string; userId: string; eventId: string; botUserId: string | undefined },
): Promise<boolean> {
  if (join.userId === join.botUserId) return false;
  const { db } = deps.database;
  const scope = await scopeOfChannel(db, join.channelId);
  if (!scope || scope.incident.status === "closed") return false;
  const [view, latest] = await Promise.all([
    loadIncidentView(db, scope.incident.id),
    db.timelineEntry.findFirst({
      where: { incidentId: scope.incident.id, kind: "update_posted" },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      select: { text: true, occurredAt: true },
    }),
  ]);
  if (!view) return false;
  await runChange(deps, `event:${join.eventId}`, async (tx) => {
    await sendLater(deps, tx, {
      kind: "ephemeral.post",
      target: { channelId: join.channelId },
      userId: join.userId,
      message: {
        view: "welcome",
        incidentId: scope.incident.id,
        workstream: scope.workstream?.name ?? null,
        latestUpdate: latest && { text: latest.text, occurredAt: latest.occurredAt.toISOString() },
      },
    });
    return { welcomed: join.userId };
  });
  return true;
}
