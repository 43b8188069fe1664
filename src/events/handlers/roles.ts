// Role assignments are never overwritten: the current holder's assignment ends and a new one
// starts, so the history of who held command, and when, survives.
import type { EventHandler } from "../types.ts";
import { toIncident } from "../types.ts";
import {
  announceInChannel,
  announceIncidentWide,
  refreshAnnouncement,
  refreshSummary,
  refreshTopic,
} from "./common.ts";

export const roleAssigned: EventHandler<"role_assigned"> = {
  async apply(repos, incident, event, meta) {
    if (!incident) throw new Error("role_assigned needs an incident");
    await repos.roles.handOver({
      incidentId: incident.id,
      workstreamId: event.workstreamId,
      role: event.role,
      userId: event.userId,
      at: meta.occurredAt,
      assignedById: meta.actorId ?? event.userId,
      endedById: meta.actorId,
      handoffId: event.handoffId,
    });
    return { incident };
  },
  effects(event, incident, meta) {
    const scope = event.workstreamId ? { workstreamId: event.workstreamId } : { incidentId: incident.id };
    return [
      toIncident({ kind: "channel.invite", scope, users: [event.userId], groups: [] }),
      // An incident role is news in the incident's channel; a workstream lead, in the workstream's.
      ...(event.workstreamId
        ? [announceInChannel(incident, event, meta)]
        : announceIncidentWide(incident, event, meta)),
      refreshSummary(incident),
      ...(event.workstreamId ? [toIncident({ kind: "summary.refresh", scope })] : []),
      // The topic and the announcement name the commander.
      ...(event.role === "commander" && !event.workstreamId
        ? [refreshTopic(incident), refreshAnnouncement(incident)]
        : []),
    ];
  },
};

export const peopleInvited: EventHandler<"people_invited"> = {
  apply: async (_repos, incident) => {
    if (!incident) throw new Error("people_invited needs an incident");
    return { incident };
  },
  effects: (event, incident, meta) =>
    // Already in the channel (by themselves, or added in Slack): nobody to invite.
    event.joined || event.addedInSlack
      ? []
      : [
          toIncident({
            kind: "channel.invite",
            scope: meta.workstreamId ? { workstreamId: meta.workstreamId } : { incidentId: incident.id },
            users: event.userIds,
            groups: event.groupIds,
          }),
        ],
};
