// Shift handoffs: created by the prompting use case, moved on by the handoff events.
import type { HandoffBrief } from "../../domain/handoff/brief.ts";
import type { Handoff } from "../../domain/handoff/handoff.ts";
import { HANDOFF_STATES, type HandoffState, PENDING_STATES } from "../../domain/handoff/state.ts";
import { briefSchema } from "../../domain/timeline/event-schema.ts";
import { Prisma, type Tx } from "../client.ts";
import { modelColumns } from "../model-columns.ts";
import type { Handoff as HandoffRow } from "../models.ts";
import { plainRows } from "../plain-statements.ts";
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
/** The same condition in SQL. */
const IS_PENDING = Prisma.sql`"state" IN (${Prisma.join([...PENDING_STATES])})`;
const HANDOFF_COLUMNS = modelColumns(Prisma.HandoffScalarFieldEnum);

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

    /** Every handoff of an incident, in the order they were asked for (the incident page, at every view). */
    async ofIncident(incidentId: number): Promise<Handoff[]> {
      const rows = await plainRows<HandoffRow>(
        db,
        Prisma.sql`SELECT ${HANDOFF_COLUMNS} FROM "Handoff" WHERE "incidentId" = ${incidentId}
          ORDER BY "promptedAt" ASC, "id" ASC`,
      );
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

    /**
     * When the next pending handoff escalates after `instant`. This and escalationsDue are asked
     * at every scheduler tick: plain SQL through the (state, nextEscalationAt) index, 0.1–0.2 ms
     * of the event loop where the model queries took 1–2.5 ms each (a tick at 200 open incidents).
     */
    async nextEscalationAfter(instant: Date): Promise<Date | null> {
      const [next] = await plainRows<{ nextEscalationAt: Date }>(
        db,
        Prisma.sql`SELECT "nextEscalationAt" FROM "Handoff"
          WHERE ${IS_PENDING} AND "nextEscalationAt" > ${instant}
          ORDER BY "nextEscalationAt" ASC LIMIT 1`,
      );
      return next?.nextEscalationAt ?? null;
    },

    /** Pending handoffs whose escalation is due at `now`, the longest waiting first. */
    async escalationsDue(now: Date, take: number): Promise<Handoff[]> {
      const rows = await plainRows<HandoffRow>(
        db,
        Prisma.sql`SELECT ${HANDOFF_COLUMNS} FROM "Handoff"
          WHERE ${IS_PENDING} AND "nextEscalationAt" <= ${now}
          ORDER BY "nextEscalationAt" ASC, "id" ASC LIMIT ${take}`,
      );
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
