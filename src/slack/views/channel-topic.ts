// Channel topics and purposes: ≤ 250 characters, what a glance at the header should tell.
// Names instead of mentions (a topic change must not notify), and typed text escaped.
import type { IncidentView, WorkstreamView } from "../../domain/incident/incident-view.ts";
import { currentHolder } from "../../domain/incident/incident-view.ts";
import { escapeMrkdwn } from "../../domain/text/mrkdwn.ts";
import { truncate } from "../../domain/text/truncate.ts";
import { LIMITS } from "./limits.ts";

export function incidentTopic(view: IncidentView, nameOf: (userId: string) => string): string {
  const commander = currentHolder(view, "commander");
  const { incident } = view;
  return truncate(
    escapeMrkdwn(
      `SEV${incident.severity} · ${incident.status} · IC ${commander ? nameOf(commander) : "none"} · ${incident.title}`,
    ),
    LIMITS.topic,
  );
}

export function workstreamTopic(
  view: IncidentView,
  workstream: WorkstreamView,
  nameOf: (userId: string) => string,
): string {
  return truncate(
    escapeMrkdwn(
      `INC-${view.incident.number} ${workstream.name} · ${workstream.status} · lead ${workstream.leadId ? nameOf(workstream.leadId) : "none"} · SEV${view.incident.severity}`,
    ),
    LIMITS.topic,
  );
}

export function incidentPurpose(view: IncidentView): string {
  return truncate(
    escapeMrkdwn(
      `INC-${view.incident.number}: ${view.incident.title}. Managed by the incident bot: /incident help`,
    ),
    LIMITS.topic,
  );
}
