// Effects that keep Atlassian Statuspage in step (issue 13 item 4), when it is configured and
// the incident is published. "public" audience: record-event.ts drops them for a private
// incident, and the delivery checks again.
import type { Incident } from "../../domain/incident/incident.ts";
import type { Effect, EffectContext } from "../types.ts";
import { toPublic } from "../types.ts";

const publishing = (incident: Incident, context: EffectContext) =>
  context.statuspage === true && incident.publishedAt !== null && !incident.isPrivate;

/** A public update (`entryId`) or a status change (null) for the Statuspage incident. */
export function statuspageIncident(
  incident: Incident,
  context: EffectContext,
  entryId: number | null,
): Effect[] {
  if (!publishing(incident, context)) return [];
  return [
    toPublic({ kind: "statuspage.incident", incidentId: incident.id, status: incident.status, entryId }),
  ];
}

/** The components of the services on the incident's board, as the boards now stand. */
export function statuspageComponents(incident: Incident, context: EffectContext): Effect[] {
  if (!publishing(incident, context)) return [];
  return [toPublic({ kind: "statuspage.components", incidentId: incident.id })];
}
