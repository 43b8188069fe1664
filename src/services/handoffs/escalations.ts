// A handoff nobody accepts is escalated when its time to accept runs out, then again at the
// same interval until someone accepts: a mention in the channel, a DM to the rotation's
// escalation contact (each member, for a user group) and a nudge to the incoming holder.
import { runOnce } from "../../db/job-runs.ts";
import type { Handoff } from "../../db/models.ts";
import type { Deps } from "../../deps.ts";
import { PENDING_STATES } from "../../domain/handoff/state.ts";
import { isOpen } from "../../domain/incident/status.ts";
import { recordEvent } from "../../events/record-event.ts";
import { syncRotations } from "../rotations/sync-rotations.ts";
import { effectContext, lockedIncident, metaFor, sendLater } from "../support.ts";
import { outboxScope } from "./scopes.ts";

export const ESCALATION_JOB = "handoff-escalation";
/** DMs per escalation when the contact is a user group (the channel mention reaches everyone). */
const MAX_GROUP_DMS = 25;
const BATCH = 200;

export async function nextEscalationAfter(deps: Deps, instant: Date): Promise<Date | null> {
  const next = await deps.database.db.handoff.findFirst({
    where: { state: { in: [...PENDING_STATES] }, nextEscalationAt: { gt: instant } },
    orderBy: { nextEscalationAt: "asc" },
    select: { nextEscalationAt: true },
  });
  return next?.nextEscalationAt ?? null;
}

/** Who is told: the rotation's contact; without a rotation, the outgoing holder (still accountable). */
function contactFor(deps: Deps, handoff: Handoff): string | null {
  const rotation = handoff.rotation ? deps.rotations.get(handoff.rotation) : undefined;
  return rotation?.escalateTo ?? handoff.fromUserId ?? null;
}

async function groupMembers(deps: Deps, contact: string): Promise<string[]> {
  if (!contact.startsWith("S")) return [];
  try {
    return (await deps.users.groupMembers(contact)).slice(0, MAX_GROUP_DMS);
  } catch (error) {
    // Slack unreachable: the channel mention still notifies the group when it is delivered.
    deps.logger.warn({ err: error, group: contact }, "could not read the escalation group's members");
    return [];
  }
}

export async function runEscalations(deps: Deps, now: Date): Promise<number> {
  await syncRotations(deps);
  const { db } = deps.database;
  const due = await db.handoff.findMany({
    where: { state: { in: [...PENDING_STATES] }, nextEscalationAt: { lte: now } },
    orderBy: { nextEscalationAt: "asc" },
    take: BATCH,
  });
  let escalated = 0;
  for (const handoff of due) {
    const dueAt = handoff.nextEscalationAt as Date;
    const contact = contactFor(deps, handoff);
    const members = contact ? await groupMembers(deps, contact) : [];
    const done = await runOnce(
      deps.database,
      { job: ESCALATION_JOB, subject: `handoff:${handoff.id}`, dueAt, now, holder: deps.instanceId },
      async (tx) => {
        const incident = await lockedIncident(deps, tx, handoff.incidentId);
        const fresh = await tx.handoff.findUnique({ where: { id: handoff.id } });
        if (!fresh || !(PENDING_STATES as readonly string[]).includes(fresh.state)) return false;
        if (fresh.nextEscalationAt?.getTime() !== dueAt.getTime()) return false;
        const workstream = fresh.workstreamId
          ? await tx.workstream.findUnique({ where: { id: fresh.workstreamId } })
          : null;
        const scope = { incident, workstream };
        if (!isOpen(incident.status)) {
          // Resolved or closed while waiting: nobody needs to take over any more.
          await tx.handoff.update({
            where: { id: fresh.id },
            data: { state: "cancelled", nextEscalationAt: null },
          });
          await sendLater(deps, tx, { kind: "handoff.card", scope: outboxScope(scope), handoffId: fresh.id });
          return false;
        }
        await recordEvent(
          tx,
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
        for (const member of members.filter((m) => m !== fresh.toUserId)) {
          await sendLater(deps, tx, {
            kind: "message.post",
            target: { userId: member },
            message: {
              view: "handoff_escalation_dm",
              escalation: fresh.escalations + 1,
              toUserId: fresh.toUserId,
              incidentNumber: incident.number,
              channelId: incident.channelId,
              viaGroup: true,
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
