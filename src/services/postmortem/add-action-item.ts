// `/incident action <text> [--owner @user]`: a follow-up action item for the postmortem.
// Allowed after the incident closes too: follow-ups are often found while writing it.
import type { ServiceDeps } from "../../deps.ts";
import { recordEvent } from "../../events/record-event.ts";
import type { ActionItemAdded } from "../results.ts";
import { effectContext, lockedIncident, metaFor, runChange } from "../support.ts";

export async function addActionItem(
  deps: ServiceDeps,
  input: {
    incidentId: number;
    workstreamId: number | null;
    text: string;
    ownerId: string | null;
    actorId: string;
    requestKey: string;
  },
): Promise<ActionItemAdded> {
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, input.incidentId);
    await recordEvent(
      repos,
      incident,
      { kind: "action_added", actionId: 0, text: input.text, ownerId: input.ownerId },
      metaFor(deps, input.actorId, { workstreamId: input.workstreamId }),
      { context: effectContext(deps) },
    );
    const count = await repos.actionItems.count(incident.id);
    return {
      kind: "action_item_added",
      incidentNumber: incident.number,
      count,
      ownerId: input.ownerId,
      text: input.text,
    };
  });
}
