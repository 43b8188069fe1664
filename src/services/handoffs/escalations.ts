// A handoff nobody accepts is escalated when its time to accept runs out, then again at the
// same interval until someone accepts: a mention in the channel, a DM to the rotation's
// escalation contact (each member, for a user group) and a nudge to the incoming holder.

import type { ServiceDeps } from "../../deps.ts";
import type { Handoff } from "../../domain/handoff/handoff.ts";
import { PENDING_STATES } from "../../domain/handoff/state.ts";
import { isOpen } from "../../domain/incident/status.ts";
import { recordEvent } from "../../events/record-event.ts";
import { planHandoffPage, sendHandoffPage } from "../paging/handoff-pages.ts";
import { syncRotations } from "../rotations/sync-rotations.ts";
import { effectContext, lockedIncident, metaFor, sendLater } from "../support.ts";
import { outboxScope } from "./scopes.ts";

export const ESCALATION_JOB = "handoff-escalation";
/** DMs per escalation when the contact is a user group (the channel mention reaches everyone). */
const MAX_GROUP_DMS = 25;
const BATCH = 200;

export async function nextEscalationAfter(deps: ServiceDeps, instant: Date): Promise<Date | null> {
  return deps.store.read.handoffs.nextEscalationAfter(instant);
}

/** Who is told: the rotation's contact; without a rotation, the outgoing holder (still accountable). */
function contactFor(deps: ServiceDeps, handoff: Handoff): string | null {
  const rotation = handoff.rotation ? deps.rotations.get(handoff.rotation) : undefined;
  return rotation?.escalateTo ?? handoff.fromUserId ?? null;
}

async function groupMembers(deps: ServiceDeps, contact: string): Promise<string[]> {
  if (!contact.startsWith("S")) return [];
  try {
    return (await deps.directory.groupMembers(contact)).slice(0, MAX_GROUP_DMS);
  } catch (error) {
    // Slack unreachable: the channel mention still notifies the group when it is delivered.
    deps.logger.warn({ err: error, group: contact }, "could not read the escalation group's members");
    return [];
  }
}

export async function runEscalations(deps: ServiceDeps, now: Date): Promise<number> {
  await syncRotations(deps);
  const due = await deps.store.read.handoffs.escalationsDue(now, BATCH);
  let escalated = 0;
  for (const handoff of due) {
    const dueAt = handoff.nextEscalationAt as Date;
    const contact = contactFor(deps, handoff);
    const members = contact ? await groupMembers(deps, contact) : [];
    // Read before the transaction: a person's page needs their email from Slack.
    const pagePlan = await planHandoffPage(deps, handoff, contact);
    const done = await deps.store.runOnce(
      { job: ESCALATION_JOB, subject: `handoff:${handoff.id}`, dueAt, now, holder: deps.instanceId },
      async (repos) => {
        const incident = await lockedIncident(repos, handoff.incidentId);
        const fresh = await repos.handoffs.byId(handoff.id);
        if (!fresh || !PENDING_STATES.includes(fresh.state)) return false;
        if (fresh.nextEscalationAt?.getTime() !== dueAt.getTime()) return false;
        const workstream = fresh.workstreamId ? await repos.workstreams.byId(fresh.workstreamId) : null;
        const scope = { incident, workstream };
        if (!isOpen(incident.status)) {
          // Resolved or closed while waiting: nobody needs to take over any more.
          await repos.handoffs.end([fresh.id], "cancelled");
          await sendLater(deps, repos, {
            kind: "handoff.card",
            scope: outboxScope(scope),
            handoffId: fresh.id,
          });
          return false;
        }
        await recordEvent(
          repos,
          incident,
          {
            kind: "handoff_escalated",
            handoffId: fresh.id,
            escalation: fresh.escalations + 1,
            contactId: contact ?? fresh.toUserId,
            toUserId: fresh.toUserId,
          },
          metaFor(deps, null, { workstreamId: fresh.workstreamId }),
          { context: effectContext(deps) },
        );
        // Planned for this escalation's number: a stale plan (another replica moved on) pages nobody.
        if (pagePlan && fresh.escalations === handoff.escalations)
          await sendHandoffPage(deps, repos, incident, fresh, pagePlan);
        for (const member of members.filter((m) => m !== fresh.toUserId)) {
          await sendLater(deps, repos, {
            kind: "message.post",
            target: { userId: member },
            message: {
              view: "handoff_escalation_dm",
              escalation: fresh.escalations + 1,
              toUserId: fresh.toUserId,
              incidentNumber: incident.number,
              channelId: incident.channelId,
              viaGroup: true,
              ...(incident.isPrivate ? { isPrivate: true } : {}),
            },
          });
        }
        return true;
      },
    );
    if (done) escalated++;
  }
  if (escalated) deps.kickOutbox();
  return escalated;
}
