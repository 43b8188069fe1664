import type { Db } from "../db/client.ts";

/** Current commanders of the given incidents, in one query. */
export async function commandersOf(db: Db, incidentIds: number[]): Promise<Map<number, string>> {
  const rows = await db.roleAssignment.findMany({
    where: { incidentId: { in: incidentIds }, workstreamId: null, role: "commander", endedAt: null },
  });
  return new Map(rows.map((r) => [r.incidentId, r.userId]));
}
