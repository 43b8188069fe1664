// `/incident` with no text: which menu the channel it was typed in gets. In an incident's or
// a workstream's channel, that incident's (or workstream's) controls; elsewhere, none.
import type { ServiceDeps } from "../../deps.ts";
import { scopeOfChannel } from "../incident-scope.ts";

export interface MenuScope {
  incidentId: number;
  incidentNumber: number;
  title: string;
  workstreamId: number | null;
  workstream: string | null;
}

export async function menuScope(deps: ServiceDeps, channelId: string): Promise<MenuScope | null> {
  const scope = await scopeOfChannel(deps.store.read, channelId);
  if (!scope) return null;
  return {
    incidentId: scope.incident.id,
    incidentNumber: scope.incident.number,
    title: scope.incident.title,
    workstreamId: scope.workstream?.id ?? null,
    workstream: scope.workstream?.name ?? null,
  };
}
