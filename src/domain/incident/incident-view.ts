// Everything the pinned summary, recovery board, topic, announcement and welcome show about one
// incident: the read model those views are pure functions of (loaded by src/db/queries).
import type { Incident } from "./incident.ts";
import type { Milestone } from "./milestone.ts";
import type { RoleAssignment } from "./role-assignment.ts";
import type { ServiceStatus } from "./service-status.ts";
import type { Workstream } from "./workstream.ts";

export interface WorkstreamView extends Workstream {
  leadId: string | null;
}

export interface IncidentView {
  incident: Incident;
  /** Current incident-level roles (commander, comms, scribe, ops). */
  roles: RoleAssignment[];
  workstreams: WorkstreamView[];
  services: ServiceStatus[];
  milestones: Milestone[];
  /** The newest status update (incident-wide or a workstream's): the announcement shows it. */
  latestUpdate: LatestUpdate | null;
}

export interface LatestUpdate {
  text: string;
  actorId: string | null;
  occurredAt: Date;
  workstream: string | null;
}

export function currentHolder(view: IncidentView, role: string): string | null {
  return view.roles.find((r) => r.role === role)?.userId ?? null;
}
