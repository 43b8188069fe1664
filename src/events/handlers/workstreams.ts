// Workstreams (regions, areas) with their own lead, status and optionally channel.
import { workstreamChannelName } from "../../domain/incident/channel-name.ts";
import type { EventHandler } from "../types.ts";
import { toIncident } from "../types.ts";
import { announceInChannel, refreshAnnouncement, refreshSummary } from "./common.ts";

export const workstreamAdded: EventHandler<"workstream_added"> = {
  async apply(repos, incident, event, meta) {
    if (!incident) throw new Error("workstream_added needs an incident");
    const workstream = await repos.workstreams.create({
      incidentId: incident.id,
      name: event.name,
      wantChannel: event.withChannel,
      channelName: event.withChannel ? workstreamChannelName(incident.number, event.name) : null,
      createdById: meta.actorId ?? "",
      at: meta.occurredAt,
      parentId: event.parentId ?? null,
    });
    if (event.leadId) {
      await repos.roles.start({
        incidentId: incident.id,
        workstreamId: workstream.id,
        role: "lead",
        userId: event.leadId,
        at: meta.occurredAt,
        assignedById: meta.actorId ?? event.leadId,
      });
    }
    return { incident, event: { ...event, workstreamId: workstream.id } };
  },
  effects(event, incident, meta) {
    const effects = [
      announceInChannel(incident, event, meta),
      refreshSummary(incident),
      refreshAnnouncement(incident),
    ];
    if (event.withChannel && event.workstreamId) {
      const scope = { workstreamId: event.workstreamId };
      const users = [meta.actorId, event.leadId].filter((u): u is string => Boolean(u));
      effects.push(
        toIncident({ kind: "channel.create", scope }),
        toIncident({ kind: "channel.topic", scope }),
        toIncident({ kind: "channel.invite", scope, users, groups: [] }),
        toIncident({ kind: "summary.refresh", scope }),
      );
    }
    return effects;
  },
};

export const workstreamStatusChanged: EventHandler<"workstream_status_changed"> = {
  async apply(repos, incident, event) {
    if (!incident) throw new Error("workstream_status_changed needs an incident");
    await repos.workstreams.setStatus(event.workstreamId, event.to);
    return { incident };
  },
  effects(event, incident, meta) {
    const scope = { workstreamId: event.workstreamId };
    return [
      announceInChannel(incident, event, meta),
      refreshSummary(incident),
      toIncident({ kind: "summary.refresh", scope }),
      toIncident({ kind: "channel.topic", scope }),
      refreshAnnouncement(incident),
    ];
  },
};
