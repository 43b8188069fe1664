// Read-only answers about incidents: which are open (for this viewer), who holds which role,
// which workstreams there are. Nothing is recorded.
import type { RoleHolding } from "../db/queries/role-history.ts";
import type { WorkstreamWithLead } from "../db/queries/workstream-leads.ts";
import type { ServiceDeps } from "../deps.ts";
import type { Incident } from "../domain/incident/incident.ts";
import { visibleOpenIncidents } from "./visibility.ts";

export type { RoleHolding, WorkstreamWithLead };

export interface ListedIncident {
  incident: Incident;
  commanderId: string | null;
}

/** The open incidents this viewer may see, worst first, each with its commander. */
export async function listOpenIncidents(deps: ServiceDeps, viewerId: string): Promise<ListedIncident[]> {
  const incidents = await visibleOpenIncidents(deps, viewerId);
  const commanders = await deps.store.read.roles.holders(
    incidents.map((i) => i.id),
    "commander",
  );
  return incidents.map((incident) => ({ incident, commanderId: commanders.get(incident.id) ?? null }));
}

export function roleHistory(deps: ServiceDeps, incidentId: number): Promise<RoleHolding[]> {
  return deps.store.read.views.roleHistory(incidentId);
}

export function workstreamsOverview(deps: ServiceDeps, incidentId: number): Promise<WorkstreamWithLead[]> {
  return deps.store.read.views.workstreamsWithLeads(incidentId);
}
