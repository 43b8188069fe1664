// One incident's workstreams in the order they were added, each with its current lead.
import { type Db, Prisma, type Tx } from "../client.ts";
import { plainRows } from "../plain-statements.ts";

export interface WorkstreamWithLead {
  id: number;
  /** The workstream it is under (a region over its workstreams), or null. */
  parentId: number | null;
  name: string;
  status: string;
  channelId: string | null;
  leadId: string | null;
}

/**
 * One statement (the incident page asks at every view, the workstreams command and its form
 * too): two model queries took 1.8–2 ms of CPU. A workstream has one current lead; were
 * there two, the one who took it last.
 */
export async function loadWorkstreamsWithLeads(
  db: Db | Tx,
  incidentId: number,
): Promise<WorkstreamWithLead[]> {
  const rows = await plainRows<{
    id: number | bigint;
    parentId: number | bigint | null;
    name: string;
    status: string;
    channelId: string | null;
    leadId: string | null;
  }>(
    db,
    Prisma.sql`SELECT w."id", w."parentId", w."name", w."status", w."channelId",
        (SELECT a."userId" FROM "RoleAssignment" a
          WHERE a."workstreamId" = w."id" AND a."role" = 'lead' AND a."endedAt" IS NULL
          ORDER BY a."startedAt" DESC, a."id" DESC LIMIT 1) AS "leadId"
      FROM "Workstream" w WHERE w."incidentId" = ${incidentId} ORDER BY w."id" ASC`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    parentId: row.parentId === null ? null : Number(row.parentId),
    name: row.name,
    status: row.status,
    channelId: row.channelId,
    leadId: row.leadId,
  }));
}
