// Severity ledger: every change keeps from, to, who, when and why (the timeline entry).
// Escalation to SEV1/SEV2 is also announced where stakeholders watch.
import { isEscalation, type Severity } from "../../domain/incident/severity.ts";
import type { Effect, EventHandler } from "../types.ts";
import { toPublic } from "../types.ts";
import {
  announceIncidentWide,
  refreshAnnouncement,
  refreshSummary,
  refreshTopic,
  refreshWorkstreams,
} from "./common.ts";

/** Lower number = worse. */
const worstOf = (a: Severity, b: Severity): Severity => (a < b ? a : b);

export const severityChanged: EventHandler<"severity_changed"> = {
  async apply(repos, incident, event, meta) {
    if (!incident) throw new Error("severity_changed needs an incident");
    const updated = await repos.incidents.update(incident.id, {
      severity: event.to,
      peakSeverity: worstOf(incident.peakSeverity, event.to),
      updatedAt: meta.occurredAt,
    });
    return { incident: updated };
  },
  effects(event, incident, meta, context) {
    const effects: Effect[] = [
      ...announceIncidentWide(incident, event, meta),
      refreshSummary(incident),
      refreshTopic(incident),
      refreshAnnouncement(incident),
      refreshWorkstreams(incident),
    ];
    if (isEscalation(event.from, event.to) && event.to <= 2 && context.announceChannel) {
      effects.push(
        toPublic({
          kind: "message.post",
          target: { channelId: context.announceChannel },
          message: {
            view: "severity_escalated",
            incidentNumber: incident.number,
            to: event.to,
            reason: event.reason,
            actorId: meta.actorId,
            channelId: incident.channelId,
            leadershipGroup: context.leadershipGroup ?? null,
          },
        }),
      );
    }
    return effects;
  },
};
