// One incident's workstreams in the order they were added, each with its current lead.
import type { Db, Tx } from "../client.ts";

export interface WorkstreamWithLead {
  id: number;
  /** The workstream it is under (a region over its workstreams), or null. */
  parentId: number | null;
  name: string;
  status: string;
  channelId: string | null;
  leadId: string | null;
}

export async function loadWorkstreamsWithLeads(
  db: Db | Tx,
  incidentId: number,
): Promise<WorkstreamWithLead[]> {
  const [workstreams, leads] = await Promise.all([
    db.workstream.findMany({ where: { incidentId }, orderBy: { id: "asc" } }),
    db.roleAssignment.findMany({ where: { incidentId, role: "lead", endedAt: null } }),
  ]);
  const leadOf = new Map(leads.map((l) => [l.workstreamId, l.userId]));
  return workstreams.map((w) => ({
    id: w.id,
    parentId: w.parentId,
    name: w.name,
    status: w.status,
    channelId: w.channelId,
    leadId: leadOf.get(w.id) ?? null,
  }));
}
