// The incident's title and summary, edited after the declaration: everything that shows them
// (topic, pinned summaries, the announcement) follows; the channel keeps its name.
import type { EventHandler } from "../types.ts";
import {
  announceIncidentWide,
  refreshAnnouncement,
  refreshSummary,
  refreshTopic,
  refreshWorkstreams,
} from "./common.ts";
import { statuspageIncident } from "./statuspage.ts";

export const titleChanged: EventHandler<"title_changed"> = {
  async apply(repos, incident, event, meta) {
    if (!incident) throw new Error("title_changed needs an incident");
    return {
      incident: await repos.incidents.update(incident.id, { title: event.to, updatedAt: meta.occurredAt }),
    };
  },
  effects: (event, incident, meta, context) => [
    ...announceIncidentWide(incident, event, meta),
    refreshSummary(incident),
    refreshTopic(incident),
    refreshAnnouncement(incident),
    refreshWorkstreams(incident),
    ...statuspageIncident(incident, context, null),
  ],
};

export const summaryChanged: EventHandler<"summary_changed"> = {
  async apply(repos, incident, event, meta) {
    if (!incident) throw new Error("summary_changed needs an incident");
    return {
      incident: await repos.incidents.update(incident.id, { summary: event.to, updatedAt: meta.occurredAt }),
    };
  },
  effects: (event, incident, meta) => [
    ...announceIncidentWide(incident, event, meta),
    refreshSummary(incident),
    refreshAnnouncement(incident),
  ],
};
