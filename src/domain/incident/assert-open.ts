// The refusals for acting on an incident that is over, each in one wording. A caller that has
// something more useful to say (what to do instead) passes it as `instead`.
import { invalidState } from "../errors.ts";

const ACTIVE = new Set(["investigating", "identified", "monitoring"]);

/** Refuses once the incident is closed (a resolved incident can still change). */
export function assertIncidentOpen(incident: { status: string }, instead?: string): void {
  if (incident.status === "closed")
    throw invalidState(`This incident is closed.${instead ? ` ${instead}` : ""}`);
}

/** Refuses once the incident is resolved or closed: shifts and handoffs are for live incidents. */
export function assertIncidentActive(incident: { status: string }, instead: string): void {
  if (!ACTIVE.has(incident.status)) throw invalidState(`This incident is no longer active; ${instead}`);
}
