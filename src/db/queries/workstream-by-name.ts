// A workstream of one incident by its (normalised) name, or by id within that incident: how
// commands and buttons name a workstream.
import type { Db, Tx } from "../client.ts";
import type { Workstream } from "../models.ts";

export function findWorkstreamByName(
  db: Db | Tx,
  incidentId: number,
  name: string,
): Promise<Workstream | null> {
  return db.workstream.findUnique({ where: { incidentId_name: { incidentId, name } } });
}

export function findWorkstreamOfIncident(
  db: Db | Tx,
  incidentId: number,
  workstreamId: number,
): Promise<Workstream | null> {
  return db.workstream.findFirst({ where: { id: workstreamId, incidentId } });
}
