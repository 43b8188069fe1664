// Workstreams of an incident.

import type { Status } from "../../domain/incident/status.ts";
import type { Workstream } from "../../domain/incident/workstream.ts";
import { Prisma, type Tx } from "../client.ts";
import type { Provider } from "../database-url.ts";
import { modelColumns } from "../model-columns.ts";
import type { Workstream as WorkstreamRow } from "../models.ts";
import { plainRows } from "../plain-statements.ts";
import { integerList } from "../value-lists.ts";
import { OPEN_INCIDENT_IDS } from "./incidents.ts";
import { statusOf } from "./parse-row.ts";

export function toWorkstream(row: WorkstreamRow): Workstream {
  return { ...row, status: statusOf(row.status, "Workstream", row.id) };
}

const orNull = (row: WorkstreamRow | null) => (row ? toWorkstream(row) : null);

const WORKSTREAM_COLUMNS = modelColumns(Prisma.WorkstreamScalarFieldEnum);

export interface NewWorkstream {
  incidentId: number;
  name: string;
  wantChannel: boolean;
  channelName: string | null;
  createdById: string;
  at: Date;
  parentId?: number | null;
}

export function workstreamsRepository(db: Tx, provider: Provider) {
  return {
    byId: async (id: number) => orNull(await db.workstream.findUnique({ where: { id } })),
    byChannel: async (channelId: string) => orNull(await db.workstream.findUnique({ where: { channelId } })),
    byName: async (incidentId: number, name: string) =>
      orNull(await db.workstream.findUnique({ where: { incidentId_name: { incidentId, name } } })),

    async ofIncident(incidentId: number): Promise<Workstream[]> {
      const rows = await db.workstream.findMany({ where: { incidentId }, orderBy: { id: "asc" } });
      return rows.map(toWorkstream);
    },

    /**
     * These workstreams, in no particular order. Plain SQL with the ids as one parameter
     * (src/db/value-lists.ts): as a model query with a list, Prisma compiles it at every call.
     */
    async byIds(ids: number[]): Promise<Workstream[]> {
      if (!ids.length) return [];
      const query = Prisma.sql`SELECT ${WORKSTREAM_COLUMNS} FROM "Workstream"
        WHERE "id" IN (${integerList(provider, ids)})`;
      return (await plainRows<WorkstreamRow>(db, query)).map(toWorkstream);
    },

    /** The incident's workstreams attached to a rotation. */
    async withRotationOf(incidentId: number): Promise<Workstream[]> {
      const rows = await db.workstream.findMany({
        where: { rotation: { not: null }, incidentId },
        orderBy: { id: "asc" },
      });
      return rows.map(toWorkstream);
    },

    /**
     * Workstreams attached to a rotation, of every open incident. Plain SQL read as the model
     * query reads it: the scheduler's handoff jobs ask at every tick (see OPEN_INCIDENT_IDS).
     */
    async withRotationOfOpenIncidents(): Promise<Workstream[]> {
      const query = Prisma.sql`SELECT ${WORKSTREAM_COLUMNS} FROM "Workstream"
        WHERE "rotation" IS NOT NULL AND "incidentId" IN (${OPEN_INCIDENT_IDS}) ORDER BY "id" ASC`;
      return (await plainRows<WorkstreamRow>(db, query)).map(toWorkstream);
    },

    async create(input: NewWorkstream): Promise<Workstream> {
      const row = await db.workstream.create({
        data: {
          incidentId: input.incidentId,
          name: input.name,
          status: "investigating",
          wantChannel: input.wantChannel,
          channelName: input.channelName,
          createdById: input.createdById,
          createdAt: input.at,
          parentId: input.parentId ?? null,
        },
      });
      return toWorkstream(row);
    },

    async setStatus(id: number, status: Status): Promise<void> {
      await db.workstream.update({ where: { id }, data: { status } });
    },

    async setRotation(id: number, rotation: string | null): Promise<void> {
      await db.workstream.update({ where: { id }, data: { rotation } });
    },
  };
}

export type WorkstreamsRepository = ReturnType<typeof workstreamsRepository>;
