// Events of rotations and shift handoffs (part of IncidentEvent; see events.ts).
import type { HandoffBrief } from "../handoff/brief.ts";

export type HandoffRole = "commander" | "lead";

export type HandoffEvent =
  | { kind: "rotation_attached"; rotation: string; workstreamId: number | null; workstream: string | null }
  | {
      kind: "handoff_prompted";
      handoffId: number;
      rotation: string | null;
      role: HandoffRole;
      workstreamId: number | null;
      workstream: string | null;
      /** ISO */
      boundaryAt: string | null;
      fromUserId: string | null;
      toUserId: string;
      manual: boolean;
    }
  | {
      kind: "handoff_briefed";
      handoffId: number;
      fromUserId: string | null;
      toUserId: string;
      brief: HandoffBrief;
    }
  | {
      kind: "handoff_accepted";
      handoffId: number;
      role: HandoffRole;
      workstreamId: number | null;
      workstream: string | null;
      fromUserId: string | null;
      toUserId: string;
      acceptedById: string;
      boundaryAt: string | null;
      /** Boundary (or prompt, if manual) → acceptance. */
      latencyMs: number | null;
    }
  | { kind: "handoff_escalated"; handoffId: number; escalation: number; contactId: string; toUserId: string }
  | {
      kind: "long_shift_prompted";
      userId: string;
      role: string;
      workstreamId: number | null;
      hours: number;
      /** Present (true) when the role has no rotation: there is no "next shift" to point to. */
      withoutRotation?: true;
    };
