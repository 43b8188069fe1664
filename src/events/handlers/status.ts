// Status changes and reopening. Resolving records the `resolved` milestone; reopening keeps it
// as `resolved-<n>` (domain/incident/resolutions.ts), so every resolution stays measurable.
import { earlierResolutionName, resolutions } from "../../domain/incident/resolutions.ts";
import type { EventHandler } from "../types.ts";
import { announceEverywhere } from "./common.ts";
import { statuspageComponents, statuspageIncident } from "./statuspage.ts";

export const statusChanged: EventHandler<"status_changed"> = {
  async apply(repos, incident, event, meta) {
    if (!incident) throw new Error("status_changed needs an incident");
    const resolving = event.to === "resolved";
    const updated = await repos.incidents.update(incident.id, {
      status: event.to,
      updatedAt: meta.occurredAt,
      ...(resolving ? { resolvedAt: meta.occurredAt } : {}),
    });
    if (resolving) {
      await repos.milestones.setAutomatic(incident.id, "resolved", meta.occurredAt, meta.actorId, true);
    }
    return { incident: updated };
  },
  // Resolving resolves it at Statuspage and lets its services' components recover there.
  effects: (event, incident, meta, context) => [
    ...announceEverywhere(incident, event, meta),
    ...statuspageIncident(incident, context, null),
    ...statuspageComponents(incident, context),
  ],
};

export const incidentReopened: EventHandler<"incident_reopened"> = {
  async apply(repos, incident, _event, meta) {
    if (!incident) throw new Error("incident_reopened needs an incident");
    const updated = await repos.incidents.update(incident.id, {
      status: "investigating",
      resolvedAt: null,
      updatedAt: meta.occurredAt,
    });
    const earlier = resolutions(await repos.milestones.ofIncident(incident.id));
    if (earlier.some((m) => m.name === "resolved"))
      await repos.milestones.rename(incident.id, "resolved", earlierResolutionName(earlier.length));
    return { incident: updated };
  },
  effects: (event, incident, meta, context) => [
    ...announceEverywhere(incident, event, meta),
    ...statuspageIncident(incident, context, null),
    ...statuspageComponents(incident, context),
  ],
};
