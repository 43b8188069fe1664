// Who may see a private incident: the members of its channel, and nobody else. Decided by
// Slack's own membership, so removing someone from the channel hides the incident from them.
import type { ServiceDeps } from "../deps.ts";
import type { Incident } from "../domain/incident/incident.ts";

export async function canSee(deps: ServiceDeps, incident: Incident, userId: string): Promise<boolean> {
  if (!incident.isPrivate) return true;
  if (!incident.channelId) return incident.declaredById === userId;
  try {
    return (await deps.directory.channelMembers(incident.channelId)).includes(userId);
  } catch (error) {
    // Fail closed: when Slack cannot tell us, a private incident stays hidden.
    deps.logger.warn(
      { err: error, incident: incident.number },
      "could not check private incident membership",
    );
    return false;
  }
}

export async function visibleOpenIncidents(deps: ServiceDeps, userId: string): Promise<Incident[]> {
  const open = await deps.store.read.incidents.notClosed(200);
  const visible = await Promise.all(open.map((incident) => canSee(deps, incident, userId)));
  return open.filter((_, i) => visible[i]);
}
