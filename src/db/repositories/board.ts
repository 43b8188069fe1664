// The recovery board: one row per service, region and phase.
import { SERVICE_STATES } from "../../domain/command/verbs/service.ts";
import type { BoardKey, ServiceStatus } from "../../domain/incident/service-status.ts";
import type { Tx } from "../client.ts";
import type { ServiceStatus as ServiceStatusRow } from "../models.ts";
import { oneOf } from "./parse-row.ts";

export function toServiceStatus(row: ServiceStatusRow): ServiceStatus {
  const where = (column: string) => ({ table: "ServiceStatus", id: row.id, column });
  return {
    ...row,
    phase: oneOf(["live", "backfill"] as const, row.phase, where("phase")),
    state: oneOf(SERVICE_STATES, row.state, where("state")),
  };
}

export interface BoardChange {
  state: ServiceStatus["state"];
  note: string;
  workstreamId: number | null;
  updatedById: string;
  at: Date;
}

export function boardRepository(db: Tx) {
  return {
    async get(key: BoardKey): Promise<ServiceStatus | null> {
      const row = await db.serviceStatus.findUnique({ where: { incidentId_service_region_phase: key } });
      return row ? toServiceStatus(row) : null;
    },

    /** The whole board, by service, region, then live before backfill. */
    async ofIncident(incidentId: number): Promise<ServiceStatus[]> {
      const rows = await db.serviceStatus.findMany({
        where: { incidentId },
        orderBy: [{ service: "asc" }, { region: "asc" }, { phase: "desc" }],
      });
      return rows.map(toServiceStatus);
    },

    async set(key: BoardKey, change: BoardChange): Promise<void> {
      const recovered = change.state === "recovered" || change.state === "operational";
      const recoveredAt = recovered ? change.at : null;
      const fields = {
        state: change.state,
        note: change.note,
        updatedById: change.updatedById,
        updatedAt: change.at,
        recoveredAt,
      };
      await db.serviceStatus.upsert({
        where: { incidentId_service_region_phase: key },
        create: { ...key, ...fields, workstreamId: change.workstreamId },
        update: fields,
      });
    },
  };
}

export type BoardRepository = ReturnType<typeof boardRepository>;
