// Shift handoffs: created by the prompting use case, moved on by the handoff events.
import type { HandoffBrief } from "../../domain/handoff/brief.ts";
import type { Handoff } from "../../domain/handoff/handoff.ts";
import { HANDOFF_STATES, type HandoffState, PENDING_STATES } from "../../domain/handoff/state.ts";
import { briefSchema } from "../../domain/timeline/event-schema.ts";
import type { Prisma, Tx } from "../client.ts";
import type { Handoff as HandoffRow } from "../models.ts";
import { jsonOf, oneOf } from "./parse-row.ts";

export function toHandoff(row: HandoffRow): Handoff {
  const where = (column: string) => ({ table: "Handoff", id: row.id, column });
  return {
    ...row,
    role: oneOf(["commander", "lead"] as const, row.role, where("role")),
    state: oneOf(HANDOFF_STATES, row.state, where("state")),
    brief: row.brief === null ? null : jsonOf(briefSchema, row.brief, "Handoff", row.id, "brief"),
  };
}

const orNull = (row: HandoffRow | null) => (row ? toHandoff(row) : null);
const pending = { in: [...PENDING_STATES] };

export interface NewHandoff {
  incidentId: number;
  workstreamId: number | null;
  role: Handoff["role"];
  rotation: string | null;
  boundaryAt: Date | null;
  dedupeKey: string;
  fromUserId: string | null;
  toUserId: string;
  promptedAt: Date;
  acceptBy: Date;
  createdById: string | null;
}

export function handoffsRepository(db: Tx) {
  return {
    byId: async (id: number) =>
      Number.isInteger(id) ? orNull(await db.handoff.findUnique({ where: { id } })) : null,

    /** Every handoff of an incident, in the order they were asked for (the incident page). */
    async ofIncident(incidentId: number): Promise<Handoff[]> {
      const rows = await db.handoff.findMany({
        where: { incidentId },
        orderBy: [{ promptedAt: "asc" }, { id: "asc" }],
      });
      return rows.map(toHandoff);
    },

    /** Ids of the handoffs of one role in one scope still waiting for acceptance. */
    async pendingIds(
      incidentId: number,
      workstreamId: number | null,
      role: Handoff["role"],
    ): Promise<number[]> {
      const rows = await db.handoff.findMany({
        where: { incidentId, workstreamId, role, state: pending },
        select: { id: true },
      });
      return rows.map((r) => r.id);
    },

    /** Ids of one scope's handoffs, prompted by a rotation, still waiting for acceptance. */
    async pendingOfRotation(
      incidentId: number,
      workstreamId: number | null,
      rotation: string,
    ): Promise<number[]> {
      const rows = await db.handoff.findMany({
        where: { incidentId, workstreamId, rotation, state: pending },
        select: { id: true },
      });
      return rows.map((r) => r.id);
    },

    /** Whether `fromUserId` is already handing over in that scope. */
    async isHandingOver(
      incidentId: number,
      workstreamId: number | null,
      fromUserId: string,
    ): Promise<boolean> {
      const count = await db.handoff.count({
        where: { incidentId, workstreamId, fromUserId, state: pending },
      });
      return count > 0;
    },

    async nextEscalationAfter(instant: Date): Promise<Date | null> {
      const next = await db.handoff.findFirst({
        where: { state: pending, nextEscalationAt: { gt: instant } },
        orderBy: { nextEscalationAt: "asc" },
        select: { nextEscalationAt: true },
      });
      return next?.nextEscalationAt ?? null;
    },

    async escalationsDue(now: Date, take: number): Promise<Handoff[]> {
      const rows = await db.handoff.findMany({
        where: { state: pending, nextEscalationAt: { lte: now } },
        orderBy: { nextEscalationAt: "asc" },
        take,
      });
      return rows.map(toHandoff);
    },

    async create(input: NewHandoff): Promise<Handoff> {
      const row = await db.handoff.create({
        data: { ...input, state: "prompted", nextEscalationAt: input.acceptBy },
      });
      return toHandoff(row);
    },

    /** Ends handoffs without acceptance (replaced by a newer one, or no longer needed). */
    async end(ids: number[], state: Extract<HandoffState, "superseded" | "cancelled">): Promise<void> {
      if (!ids.length) return;
      await db.handoff.updateMany({ where: { id: { in: ids } }, data: { state, nextEscalationAt: null } });
    },

    async brief(id: number, brief: HandoffBrief, at: Date, byId: string | null): Promise<void> {
      await db.handoff.update({
        where: { id },
        data: {
          state: "briefed",
          brief: { ...brief } as Prisma.InputJsonObject,
          briefedAt: at,
          briefedById: byId,
        },
      });
    },

    async accept(id: number, at: Date, byId: string): Promise<void> {
      await db.handoff.update({
        where: { id },
        data: { state: "accepted", acceptedAt: at, acceptedById: byId, nextEscalationAt: null },
      });
    },

    async escalated(id: number, escalations: number, nextEscalationAt: Date | null): Promise<void> {
      await db.handoff.update({ where: { id }, data: { escalations, nextEscalationAt } });
    },
  };
}

export type HandoffsRepository = ReturnType<typeof handoffsRepository>;
