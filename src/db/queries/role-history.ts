// Everyone who held a role in one incident, current and past, in the order they took it.
import { type Db, Prisma, type Tx } from "../client.ts";
import { plainRows } from "../plain-statements.ts";

export interface RoleHolding {
  role: string;
  userId: string;
  /** The workstream whose lead this is, by name; null for incident roles. */
  workstream: string | null;
  startedAt: Date;
  endedAt: Date | null;
}

/**
 * One statement (the incident page asks at every view, and its readers' browsers reload it every
 * 30 s while the incident is open): two model queries took 3–3.5 ms of CPU.
 */
export async function loadRoleHistory(db: Db | Tx, incidentId: number): Promise<RoleHolding[]> {
  const rows = await plainRows<{
    role: string;
    userId: string;
    workstreamId: number | bigint | null;
    workstream: string | null;
    startedAt: Date;
    endedAt: Date | null;
  }>(
    db,
    Prisma.sql`SELECT a."role", a."userId", a."workstreamId", w."name" AS "workstream", a."startedAt", a."endedAt"
      FROM "RoleAssignment" a LEFT JOIN "Workstream" w ON w."id" = a."workstreamId"
      WHERE a."incidentId" = ${incidentId}
      ORDER BY a."startedAt" ASC, a."id" ASC`,
  );
  return rows.map((row) => ({
    role: row.role,
    userId: row.userId,
    // A lead whose workstream row is missing still shows, marked as unknown.
    workstream: row.workstreamId === null ? null : (row.workstream ?? "?"),
    startedAt: row.startedAt,
    endedAt: row.endedAt,
  }));
}
