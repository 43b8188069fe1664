// Everyone who held a role in one incident, current and past, in the order they took it.
import type { Db, Tx } from "../client.ts";

export interface RoleHolding {
  role: string;
  userId: string;
  /** The workstream whose lead this is, by name; null for incident roles. */
  workstream: string | null;
  startedAt: Date;
  endedAt: Date | null;
}

export async function loadRoleHistory(db: Db | Tx, incidentId: number): Promise<RoleHolding[]> {
  const [assignments, workstreams] = await Promise.all([
    db.roleAssignment.findMany({ where: { incidentId }, orderBy: [{ startedAt: "asc" }, { id: "asc" }] }),
    db.workstream.findMany({ where: { incidentId }, select: { id: true, name: true } }),
  ]);
  const names = new Map(workstreams.map((w) => [w.id, w.name]));
  return assignments.map((a) => ({
    role: a.role,
    userId: a.userId,
    // A lead whose workstream row is missing still shows, marked as unknown.
    workstream: a.workstreamId ? (names.get(a.workstreamId) ?? "?") : null,
    startedAt: a.startedAt,
    endedAt: a.endedAt,
  }));
}
