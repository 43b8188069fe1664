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

/** Incidents per page of `/incident list`: a page stays well inside one message's blocks. */
export const LIST_PAGE_SIZE = 40;

export interface IncidentListPage {
  items: ListedIncident[];
  /** Open incidents this viewer may see, on every page. */
  total: number;
  /** 1-based; a page past the end shows the last one. */
  page: number;
  pages: number;
  /** Private incidents not listed because Slack could not say whether the viewer is a member. */
  unchecked: number;
}

/** A page of the open incidents this viewer may see, worst first, each with its commander. */
export async function listOpenIncidents(
  deps: ServiceDeps,
  viewerId: string,
  { page = 1, pageSize = LIST_PAGE_SIZE }: { page?: number; pageSize?: number } = {},
): Promise<IncidentListPage> {
  const { incidents, unchecked } = await visibleOpenIncidents(deps, viewerId);
  const pages = Math.max(1, Math.ceil(incidents.length / pageSize));
  const shown = Math.min(Math.max(1, page), pages);
  const onPage = incidents.slice((shown - 1) * pageSize, shown * pageSize);
  const commanders = await deps.store.read.roles.holders(
    onPage.map((i) => i.id),
    "commander",
  );
  return {
    items: onPage.map((incident) => ({ incident, commanderId: commanders.get(incident.id) ?? null })),
    total: incidents.length,
    page: shown,
    pages,
    unchecked,
  };
}

export function roleHistory(deps: ServiceDeps, incidentId: number): Promise<RoleHolding[]> {
  return deps.store.read.views.roleHistory(incidentId);
}

export function workstreamsOverview(deps: ServiceDeps, incidentId: number): Promise<WorkstreamWithLead[]> {
  return deps.store.read.views.workstreamsWithLeads(incidentId);
}
