// The recovery board: per service, region and phase (live data, historical backfill).
import type { EventHandler } from "../types.ts";
import { toIncident } from "../types.ts";
import { refreshAnnouncement, refreshWorkstreams } from "./common.ts";

export const serviceStatusChanged: EventHandler<"service_status_changed"> = {
  async apply(tx, incident, event, meta) {
    if (!incident) throw new Error("service_status_changed needs an incident");
    const key = { incidentId: incident.id, service: event.service, region: event.region, phase: event.phase };
    const recoveredAt = event.to === "recovered" || event.to === "operational" ? meta.occurredAt : null;
    await tx.serviceStatus.upsert({
      where: { incidentId_service_region_phase: key },
      create: {
        ...key,
        state: event.to,
        note: event.note,
        workstreamId: meta.workstreamId ?? null,
        updatedById: meta.actorId ?? "",
        updatedAt: meta.occurredAt,
        recoveredAt,
      },
      update: {
        state: event.to,
        note: event.note,
        updatedById: meta.actorId ?? "",
        updatedAt: meta.occurredAt,
        recoveredAt,
      },
    });
    return { incident };
  },
  effects: (_event, incident) => [
    toIncident({ kind: "board.refresh", incidentId: incident.id }),
    refreshAnnouncement(incident),
    refreshWorkstreams(incident),
  ],
};
