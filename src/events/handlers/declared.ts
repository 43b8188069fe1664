// Declaration: the incident row, its first commander, the `declared` milestone, then the
// channel, its topic, the people, the pinned summary and the announcement.
import type { EventHandler } from "../types.ts";
import { toIncident } from "../types.ts";
import { refreshAnnouncement, refreshSummary, refreshTopic } from "./common.ts";

export const incidentDeclared: EventHandler<"incident_declared"> = {
  async apply(repos, _incident, event, meta) {
    const now = meta.occurredAt;
    const incident = await repos.incidents.create({
      number: event.number,
      title: event.title,
      summary: event.summary,
      severity: event.severity,
      isPrivate: event.isPrivate,
      regions: event.regions,
      services: event.services,
      declaredById: meta.actorId ?? event.commanderId,
      channelName: event.channelName,
      at: now,
    });
    await repos.roles.start({
      incidentId: incident.id,
      workstreamId: null,
      role: "commander",
      userId: event.commanderId,
      at: now,
      assignedById: meta.actorId ?? event.commanderId,
    });
    await repos.milestones.create({
      incidentId: incident.id,
      name: "declared",
      at: now,
      setById: meta.actorId,
    });
    return { incident };
  },
  effects(event, incident, meta) {
    const isUser = (id: string | null): id is string => Boolean(id && /^[UW]/.test(id));
    const people = [...new Set([meta.actorId, event.commanderId, ...event.invitees].filter(isUser))];
    const groups = event.invitees.filter((id) => id.startsWith("S"));
    const scope = { incidentId: incident.id };
    return [
      toIncident({ kind: "channel.create", scope }),
      refreshTopic(incident),
      toIncident({ kind: "channel.invite", scope, users: people, groups }),
      refreshSummary(incident),
      refreshAnnouncement(incident),
    ];
  },
};
