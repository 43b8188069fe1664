// Someone joined an incident or workstream channel: tell them, and only them, where things
// stand, so a responder arriving mid-outage does not scroll back hundreds of messages. Once per
// join event (Slack retries late acknowledgements); nothing for the bot itself.
import type { ServiceDeps } from "../deps.ts";
import { recordEvent } from "../events/record-event.ts";
import { scopeOfChannel } from "./incident-scope.ts";
import { effectContext, lockedIncident, metaFor, runChange, sendLater } from "./support.ts";

export async function welcomeJoiner(
  deps: ServiceDeps,
  join: {
    channelId: string;
    userId: string;
    eventId: string;
    botUserId: string | undefined;
    /** Who added them, when someone did; absent when they joined by themselves. */
    inviter?: string | null;
  },
): Promise<boolean> {
  if (join.userId === join.botUserId) return false;
  const { read } = deps.store;
  const scope = await scopeOfChannel(read, join.channelId);
  if (!scope || scope.incident.status === "closed") return false;
  const [view, latest] = await Promise.all([
    read.views.incident(scope.incident.id),
    read.timeline.latest(scope.incident.id, "update_posted"),
  ]);
  if (!view) return false;
  await runChange(deps, `event:${join.eventId}`, async (repos) => {
    // Someone who joined by themselves, or whom a person added with Slack's own invite, is
    // recorded too (the bot's own invites are recorded already), so the postmortem counts them
    // as present and a private incident's access record says who added them.
    const addedByPerson = Boolean(join.inviter && join.inviter !== join.botUserId);
    if (!join.inviter || addedByPerson) {
      const incident = await lockedIncident(repos, scope.incident.id);
      await recordEvent(
        repos,
        incident,
        {
          kind: "people_invited",
          userIds: [join.userId],
          groupIds: [],
          ...(addedByPerson ? { addedInSlack: true } : { joined: true }),
        },
        metaFor(deps, addedByPerson ? (join.inviter as string) : join.userId, {
          workstreamId: scope.workstream?.id ?? null,
        }),
        { context: effectContext(deps) },
      );
    }
    await sendLater(deps, repos, {
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
