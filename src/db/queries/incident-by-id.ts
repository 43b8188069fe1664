// One incident by id, outside any transaction (buttons and forms name incidents by id).
import type { Db, Tx } from "../client.ts";
import type { Incident } from "../models.ts";

export function findIncidentById(db: Db | Tx, incidentId: number): Promise<Incident | null> {
  return db.incident.findUnique({ where: { id: incidentId } });
}
