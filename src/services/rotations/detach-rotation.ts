// `/incident rotation detach [<name>]`: the incident (or a workstream) stops following its
// rotation, so shift changes no longer prompt handoffs there. Recorded in the timeline. Only
// the scope's leader (commander, or the workstream's lead) or an incident admin may: it turns
// off the prompts everyone else relies on.
import type { ServiceDeps } from "../../deps.ts";
import { badInput, forbidden, invalidState } from "../../domain/errors.ts";
import { assertIncidentOpen } from "../../domain/incident/assert-open.ts";
import { escapeMrkdwn, mentionUser } from "../../domain/text/mrkdwn.ts";
import { recordEvent } from "../../events/record-event.ts";
import { outboxScope } from "../handoffs/scopes.ts";
import { leaderOf } from "../incident-scope.ts";
import { resolveCancelledHandoffPages } from "../paging/handoff-pages.ts";
import { isIncidentAdmin } from "../permissions.ts";
import { effectContext, lockedIncident, metaFor, runChange, sendLater } from "../support.ts";
import { normaliseWorkstreamName, requireNamedWorkstream } from "../workstreams.ts";

export interface RotationDetached {
  kind: "rotation_detached";
  rotation: string;
  workstream: string | null;
}

export async function detachRotation(
  deps: ServiceDeps,
  input: {
    incidentId: number;
    /** The workstream named with --workstream, or the one whose channel this is. */
    workstream: string | null;
    /** The rotation named (checked against the one attached); empty: whichever is attached. */
    rotation: string;
    actorId: string;
    requestKey: string;
  },
): Promise<RotationDetached> {
  const workstreamName = input.workstream ? normaliseWorkstreamName(input.workstream) : null;
  // Read from Slack before the transaction.
  const isAdmin = await isIncidentAdmin(deps, input.actorId);
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, input.incidentId);
    assertIncidentOpen(incident);
    const workstream = workstreamName
      ? await requireNamedWorkstream(repos.workstreams, incident.id, workstreamName)
      : null;
    const what = workstream ? `Workstream \`${escapeMrkdwn(workstream.name)}\`` : "This incident";
    const attached = workstream ? workstream.rotation : incident.rotation;
    if (!attached) throw invalidState(`${what} is not attached to a rotation.`);
    if (input.rotation && input.rotation !== attached)
      throw badInput(
        `${what} is attached to \`${attached}\`, not \`${escapeMrkdwn(input.rotation.slice(0, 60))}\`: \`/incident rotation detach ${attached}\`.`,
      );
    const leader = await leaderOf(repos, { incident, workstream });
    if (leader !== input.actorId && !isAdmin)
      throw forbidden(
        `Only the ${workstream ? "workstream's lead" : "incident commander"}${leader ? ` (${mentionUser(leader)})` : ""} or an incident admin can detach the rotation: its handoff prompts stop for everyone.`,
      );
    await recordEvent(
      repos,
      incident,
      {
        kind: "rotation_detached",
        rotation: attached,
        workstreamId: workstream?.id ?? null,
        workstream: workstream?.name ?? null,
      },
      metaFor(deps, input.actorId, { workstreamId: workstream?.id ?? null }),
      { context: effectContext(deps) },
    );
    // Its prompts stop, and so do the handoffs it already asked for: nobody is left waiting
    // for an acceptance (or escalated to) on behalf of a rotation the incident no longer follows.
    const waiting = await repos.handoffs.pendingOfRotation(incident.id, workstream?.id ?? null, attached);
    if (waiting.length) {
      await repos.handoffs.end(waiting, "cancelled");
      for (const handoffId of waiting) {
        await sendLater(deps, repos, {
          kind: "handoff.card",
          scope: outboxScope({ incident, workstream }),
          handoffId,
        });
        // Whoever was paged to take over is not needed any more.
        await resolveCancelledHandoffPages(deps, repos, incident, handoffId, input.actorId);
      }
    }
    return { kind: "rotation_detached", rotation: attached, workstream: workstream?.name ?? null };
  });
}
