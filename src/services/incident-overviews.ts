// Read-only answers about incidents: which are open (for this viewer), who holds which role,
// which workstreams there are. Nothing is recorded.
import type { Incident } from "../db/models.ts";
import { loadRoleHistory, type RoleHolding } from "../db/queries/role-history.ts";
import { loadWorkstreamsWithLeads, type WorkstreamWithLead } from "../db/queries/workstream-leads.ts";
import type { Deps } from "../deps.ts";
import { commandersOf } from "./commanders.ts";
import { visibleOpenIncidents } from "./visibility.ts";

export type { RoleHolding, WorkstreamWithLead };

export interface ListedIncident {
  incident: Incident;
  commanderId: string | null;
}

/** The open incidents this viewer may see, worst first, each with its commander. */
export async function listOpenIncidents(deps: Deps, viewerId: string): Promise<ListedIncident[]> {
  const incidents = await visibleOpenIncidents(deps, viewerId);
  const commanders = await commandersOf(
    deps.database.db,
    incidents.map((i) => i.id),
  );
  return incidents.map((incident) => ({ incident, commanderId: commanders.get(incident.id) ?? null }));
}

export function roleHistory(deps: Deps, incidentId: number): Promise<RoleHolding[]> {
  return loadRoleHistory(deps.database.db, incidentId);
}

export function workstreamsOverview(deps: Deps, incidentId: number): Promise<WorkstreamWithLead[]> {
  return loadWorkstreamsWithLeads(deps.database.db, incidentId);
}
