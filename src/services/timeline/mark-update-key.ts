// ⭐ *Mark as key* on a posted status update: the same mark `update --key` gives a new one (a
// moment of the postmortem's chronology), given afterwards, once. Pressing again is answered
// "already", changing nothing. Anyone who may see the incident may mark its updates.
import type { ServiceDeps } from "../../deps.ts";
import { notFound } from "../../domain/errors.ts";
import { assertIncidentOpen } from "../../domain/incident/assert-open.ts";
import { truncate } from "../../domain/text/truncate.ts";
import { recordEvent } from "../../events/record-event.ts";
import type { UpdateMarkedKey } from "../results.ts";
import { effectContext, lockedIncident, metaFor, runChange } from "../support.ts";
import { requireVisible } from "../visibility.ts";

export async function markUpdateKey(
  deps: ServiceDeps,
  input: { incidentId: number; updateEntryId: number; actorId: string; requestKey: string },
): Promise<UpdateMarkedKey> {
  const incident = await deps.store.read.incidents.byId(input.incidentId);
  if (!incident) throw notFound("That incident no longer exists.");
  await requireVisible(
    deps,
    incident,
    input.actorId,
    "This button belongs to a private incident, and only the people in its channel can use it.",
  );
  return runChange(deps, input.requestKey, async (repos) => {
    const locked = await lockedIncident(repos, input.incidentId);
    assertIncidentOpen(locked, "Its postmortem's chronology is edited in the draft now.");
    const update = await repos.timeline.updateOf(locked.id, input.updateEntryId);
    if (update?.event.kind !== "update_posted") throw notFound("That status update no longer exists.");
    if (update.event.key) return { kind: "update_marked_key", already: true };
    await recordEvent(
      repos,
      locked,
      { kind: "update_marked_key", updateEntryId: update.id, text: truncate(update.event.text, 200) },
      metaFor(deps, input.actorId, { workstreamId: update.workstreamId }),
      { context: effectContext(deps) },
    );
    return { kind: "update_marked_key", already: false };
  });
}
