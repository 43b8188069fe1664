// One shift handoff of a role (command of an incident, lead of a workstream), as stored.
import type { HandoffRole } from "../timeline/handoff-events.ts";
import type { HandoffBrief } from "./brief.ts";
import type { HandoffState } from "./state.ts";

export interface Handoff {
  id: number;
  incidentId: number;
  workstreamId: number | null;
  role: HandoffRole;
  rotation: string | null;
  boundaryAt: Date | null;
  dedupeKey: string;
  fromUserId: string | null;
  toUserId: string;
  state: HandoffState;
  promptedAt: Date;
  promptTs: string | null;
  brief: HandoffBrief | null;
  briefedAt: Date | null;
  briefedById: string | null;
  acceptedAt: Date | null;
  acceptedById: string | null;
  acceptBy: Date | null;
  escalations: number;
  nextEscalationAt: Date | null;
  createdById: string | null;
}
