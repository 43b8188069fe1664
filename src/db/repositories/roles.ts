// The role history. "Who holds this role now" is asked here and only here (`holder`), for one
// scope or for many incidents at once (`holders`).
import type { RoleAssignment } from "../../domain/incident/role-assignment.ts";
import { INCIDENT_ROLES, type Role } from "../../domain/incident/roles.ts";
import { Prisma, type Tx } from "../client.ts";
import type { Provider } from "../database-url.ts";
import { modelColumns } from "../model-columns.ts";
import type { RoleAssignment as RoleRow } from "../models.ts";
import { plainRows } from "../plain-statements.ts";
import { integerList } from "../value-lists.ts";
import { OPEN_INCIDENT_IDS } from "./incidents.ts";
import { oneOf } from "./parse-row.ts";

const ROLES: readonly Role[] = [...INCIDENT_ROLES, "lead"];
const ROLE_COLUMNS = modelColumns(Prisma.RoleAssignmentScalarFieldEnum);

export function toRoleAssignment(row: RoleRow): RoleAssignment {
  return { ...row, role: oneOf(ROLES, row.role, { table: "RoleAssignment", id: row.id, column: "role" }) };
}

export interface NewAssignment {
  incidentId: number;
  workstreamId: number | null;
  role: Role;
  userId: string;
  at: Date;
  assignedById: string;
  handoffId?: number | null;
}

export function rolesRepository(db: Tx, provider: Provider) {
  async function start(input: NewAssignment): Promise<void> {
    await db.roleAssignment.create({
      data: {
        incidentId: input.incidentId,
        workstreamId: input.workstreamId,
        role: input.role,
        userId: input.userId,
        startedAt: input.at,
        assignedById: input.assignedById,
        handoffId: input.handoffId ?? null,
      },
    });
  }

  return {
    /** Who holds `role` now: of the incident (workstreamId null) or of one workstream (its lead). */
    async holder(incidentId: number, role: Role, workstreamId: number | null = null): Promise<string | null> {
      const row = await db.roleAssignment.findFirst({
        where: { incidentId, workstreamId, role, endedAt: null },
        orderBy: { startedAt: "desc" },
        select: { userId: true },
      });
      return row?.userId ?? null;
    },

    /**
     * Who holds an incident-level `role` now, for many incidents in one statement (the App Home
     * asks for every open incident's commander each time someone opens it). Plain SQL, the ids
     * as one parameter (src/db/value-lists.ts).
     */
    async holders(incidentIds: number[], role: Role): Promise<Map<number, string>> {
      if (!incidentIds.length) return new Map();
      const rows = await plainRows<{ incidentId: number; userId: string }>(
        db,
        Prisma.sql`SELECT "incidentId", "userId" FROM "RoleAssignment"
          WHERE "incidentId" IN (${integerList(provider, incidentIds)}) AND "workstreamId" IS NULL
            AND "role" = ${role} AND "endedAt" IS NULL
          ORDER BY "startedAt" ASC, "id" ASC`,
      );
      // Ascending, so the latest term of each incident wins.
      return new Map(rows.map((r) => [Number(r.incidentId), r.userId]));
    },

    /** The current terms of a person, most recent first. */
    async ofUser(userId: string, take = 50): Promise<RoleAssignment[]> {
      const rows = await db.roleAssignment.findMany({
        where: { userId, endedAt: null },
        orderBy: { startedAt: "desc" },
        take,
      });
      return rows.map(toRoleAssignment);
    },

    /**
     * Every current term, of any role, of every open incident (the long-shift nudge, at each
     * scheduler tick). Plain SQL read as the model query reads it (see OPEN_INCIDENT_IDS).
     */
    async currentOfOpenIncidents(): Promise<RoleAssignment[]> {
      const query = Prisma.sql`SELECT ${ROLE_COLUMNS} FROM "RoleAssignment"
        WHERE "endedAt" IS NULL AND "incidentId" IN (${OPEN_INCIDENT_IDS}) ORDER BY "id" ASC`;
      return (await plainRows<RoleRow>(db, query)).map(toRoleAssignment);
    },

    async byId(id: number): Promise<RoleAssignment | null> {
      const row = await db.roleAssignment.findUnique({ where: { id } });
      return row ? toRoleAssignment(row) : null;
    },

    /** The latest term of `userId` in a role (ended or not). */
    async latestTermOf(
      incidentId: number,
      role: Role,
      workstreamId: number | null,
      userId: string,
    ): Promise<RoleAssignment | null> {
      const row = await db.roleAssignment.findFirst({
        where: { incidentId, workstreamId, role, userId },
        orderBy: { startedAt: "desc" },
      });
      return row ? toRoleAssignment(row) : null;
    },

    /** Starts a term without ending another (the first commander, a new workstream's lead). */
    start,

    /** Ends the current holder's term, if any, and starts the new one: history is never overwritten. */
    async handOver(input: NewAssignment & { endedById: string | null }): Promise<void> {
      await db.roleAssignment.updateMany({
        where: {
          incidentId: input.incidentId,
          workstreamId: input.workstreamId,
          role: input.role,
          endedAt: null,
        },
        data: { endedAt: input.at, endedById: input.endedById },
      });
      await start(input);
    },
  };
}

export type RolesRepository = ReturnType<typeof rolesRepository>;
