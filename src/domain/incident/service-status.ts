// One row of the recovery board: a service, in a region ("" for all), for live data or the
// historical backfill.
import type { ServiceState } from "../command/verbs/service.ts";

export type RecoveryPhase = "live" | "backfill";

export interface ServiceStatus {
  id: number;
  incidentId: number;
  service: string;
  /** "" when the status applies to every region. */
  region: string;
  phase: RecoveryPhase;
  state: ServiceState;
  note: string;
  workstreamId: number | null;
  updatedById: string;
  updatedAt: Date;
  recoveredAt: Date | null;
}

export interface BoardKey {
  incidentId: number;
  service: string;
  region: string;
  phase: RecoveryPhase;
}
