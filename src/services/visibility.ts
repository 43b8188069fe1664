// Who may see a private incident: the members of its channel, and nobody else. Decided by
// Slack's own membership, so removing someone from the channel hides the incident from them.
//
// Membership comes from the directory's remembered copy (kept current by join/leave events),
// and a read of it never holds a reply past a short deadline. When Slack cannot say (an error,
// rate limiting, too slow), the answer is "unknown": the incident is not shown, and the person
// is told so, never led to believe it does not concern them.
import type { ServiceDeps } from "../deps.ts";
import { DomainError, forbidden } from "../domain/errors.ts";
import type { Incident } from "../domain/incident/incident.ts";
import { SLACK_READ_DEADLINE_MS, within } from "./deadline.ts";

export type Visibility = "visible" | "hidden" | "unknown";

export async function visibilityOf(
  deps: ServiceDeps,
  incident: Incident,
  userId: string,
): Promise<Visibility> {
  if (!incident.isPrivate) return "visible";
  if (!incident.channelId) return incident.declaredById === userId ? "visible" : "hidden";
  const read = deps.directory.knownChannelMembers(incident.channelId);
  read.catch((error) =>
    deps.logger.warn(
      { err: error, incident: incident.number },
      "could not check private incident membership",
    ),
  );
  const members = await within(read, SLACK_READ_DEADLINE_MS);
  if (!members) return "unknown";
  return members.includes(userId) ? "visible" : "hidden";
}

/** Fails closed: a private incident stays hidden when Slack cannot tell us. */
export async function canSee(deps: ServiceDeps, incident: Incident, userId: string): Promise<boolean> {
  return (await visibilityOf(deps, incident, userId)) === "visible";
}

/** Refuses a private incident's content to non-members, and says so when Slack could not tell. */
export async function requireVisible(
  deps: ServiceDeps,
  incident: Incident,
  userId: string,
  refusal: string,
): Promise<void> {
  const visibility = await visibilityOf(deps, incident, userId);
  if (visibility === "hidden") throw forbidden(refusal);
  if (visibility === "unknown")
    throw new DomainError(
      "unavailable",
      "This incident is private, and Slack did not answer when I checked that you are in its channel. Try again in a moment.",
    );
}

export interface VisibleIncidents {
  /** Every open incident this person may see, worst first. */
  incidents: Incident[];
  /** Private incidents left out because Slack could not say whether this person is a member. */
  unchecked: number;
}

export async function visibleOpenIncidents(deps: ServiceDeps, userId: string): Promise<VisibleIncidents> {
  // All of them: visibility is decided before anything is cut, so nobody's incidents fall
  // off the end because others' private ones came first.
  const open = await deps.store.read.incidents.notClosed();
  const visibility = await Promise.all(open.map((incident) => visibilityOf(deps, incident, userId)));
  return {
    incidents: open.filter((_, i) => visibility[i] === "visible"),
    unchecked: visibility.filter((v) => v === "unknown").length,
  };
}
