// The recovery board: per service, region and phase (live data, historical backfill).
import { SERVICE_STATES, type ServiceState } from "../../domain/command/verbs/service.ts";
import type { EventHandler } from "../types.ts";
import { toIncident } from "../types.ts";
import { refreshAnnouncement, refreshWorkstreams } from "./common.ts";
import { statuspageComponents } from "./statuspage.ts";

function serviceState(value: string): ServiceState {
  const state = SERVICE_STATES.find((s) => s === value);
  if (!state) throw new Error(`service_status_changed to an unknown state: ${value}`);
  return state;
}

export const serviceStatusChanged: EventHandler<"service_status_changed"> = {
  async apply(repos, incident, event, meta) {
    if (!incident) throw new Error("service_status_changed needs an incident");
    const key = { incidentId: incident.id, service: event.service, region: event.region, phase: event.phase };
    await repos.board.set(key, {
      state: serviceState(event.to),
      note: event.note,
      workstreamId: meta.workstreamId ?? null,
      updatedById: meta.actorId ?? "",
      at: meta.occurredAt,
    });
    return { incident };
  },
  effects: (_event, incident, _meta, context) => [
    toIncident({ kind: "board.refresh", incidentId: incident.id }),
    refreshAnnouncement(incident),
    refreshWorkstreams(incident),
    ...statuspageComponents(incident, context),
  ],
};
