// One term of one role: who held it, from when to when. A change ends one and starts another.
import type { Role } from "./roles.ts";

export interface RoleAssignment {
  id: number;
  incidentId: number;
  /** Set for a workstream's lead. */
  workstreamId: number | null;
  role: Role;
  userId: string;
  startedAt: Date;
  endedAt: Date | null;
  assignedById: string;
  endedById: string | null;
  handoffId: number | null;
}
