// Accepting a handoff: the named incoming holder (or an incident admin on their behalf) takes
// the role. The old assignment ends and a new one starts (history kept), the topic and pinned
// summary follow (role_assigned), and the timeline records the handoff with its latency.
// A double click, or a retried request, accepts once.
import type { ServiceDeps } from "../../deps.ts";
import { forbidden, invalidState, notFound } from "../../domain/errors.ts";
import { roleWords } from "../../domain/handoff/role-words.ts";
import { acceptanceLatencyMs, mayAccept, transition } from "../../domain/handoff/state.ts";
import { assertIncidentActive } from "../../domain/incident/assert-open.ts";
import { mentionUser } from "../../domain/text/mrkdwn.ts";
import { recordEvent } from "../../events/record-event.ts";
import { leaderOf } from "../incident-scope.ts";
import { settleHandoffPages } from "../paging/handoff-pages.ts";
import { isIncidentAdmin } from "../permissions.ts";
import type { HandoffAccepted } from "../results.ts";
import { effectContext, lockedIncident, metaFor, runChange } from "../support.ts";

export async function acceptHandoff(
  deps: ServiceDeps,
  input: { handoffId: number; userId: string },
): Promise<HandoffAccepted> {
  const found = await deps.store.read.handoffs.byId(input.handoffId);
  if (!found) throw notFound("That handoff no longer exists.");
  const isAdmin = await isIncidentAdmin(deps, input.userId);
  // One acceptance per person and handoff: a second click gets the first answer.
  return runChange(deps, `handoff-accept:${found.id}:${input.userId}`, async (repos) => {
    const incident = await lockedIncident(repos, found.incidentId);
    const handoff = await repos.handoffs.byId(found.id);
    if (!handoff) throw notFound("That handoff no longer exists.");
    const allowed = transition(handoff.state, "accept");
    if (!allowed.ok) {
      const by = handoff.acceptedById ? ` (by ${mentionUser(handoff.acceptedById)})` : "";
      throw invalidState(
        handoff.state === "accepted" ? `${allowed.reason.slice(0, -1)}${by}.` : allowed.reason,
      );
    }
    const workstream = handoff.workstreamId ? await repos.workstreams.byId(handoff.workstreamId) : null;
    if (!mayAccept(handoff, input.userId, isAdmin)) {
      throw forbidden(
        `Only ${mentionUser(handoff.toUserId)} (the incoming holder) or an incident admin can accept this handoff of ${roleWords(handoff.role, workstream?.name ?? null)}.`,
      );
    }
    assertIncidentActive(incident, "there is nothing to take over.");
    const now = deps.clock.now();
    const previous = await leaderOf(repos, { incident, workstream });
    const meta = metaFor(deps, input.userId, { workstreamId: handoff.workstreamId });
    const context = { context: effectContext(deps) };
    const kind = handoff.role;
    if (previous !== handoff.toUserId) {
      await recordEvent(
        repos,
        incident,
        {
          kind: "role_assigned",
          role: kind,
          userId: handoff.toUserId,
          previousUserId: previous,
          workstreamId: handoff.workstreamId,
          workstream: workstream?.name ?? null,
          handoffId: handoff.id,
        },
        meta,
        context,
      );
    }
    const latencyMs = acceptanceLatencyMs(handoff.boundaryAt, handoff.promptedAt, now);
    await recordEvent(
      repos,
      incident,
      {
        kind: "handoff_accepted",
        handoffId: handoff.id,
        role: kind,
        workstreamId: handoff.workstreamId,
        workstream: workstream?.name ?? null,
        fromUserId: previous ?? handoff.fromUserId,
        toUserId: handoff.toUserId,
        acceptedById: input.userId,
        boundaryAt: handoff.boundaryAt?.toISOString() ?? null,
        latencyMs,
      },
      meta,
      context,
    );
    await settleHandoffPages(deps, repos, incident, handoff.id, input.userId);
    return {
      kind: "handoff_accepted",
      incidentNumber: incident.number,
      role: handoff.role,
      workstream: workstream?.name ?? null,
      toUserId: handoff.toUserId,
      acceptedById: input.userId,
      latencyMs,
      atShiftChange: handoff.boundaryAt !== null,
    };
  });
}
