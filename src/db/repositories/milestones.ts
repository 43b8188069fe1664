// Named moments of an incident, with corrections that keep the first value.
import type { Milestone } from "../../domain/incident/milestone.ts";
import type { Tx } from "../client.ts";

export function milestonesRepository(db: Tx) {
  return {
    byName: (incidentId: number, name: string): Promise<Milestone | null> =>
      db.milestone.findUnique({ where: { incidentId_name: { incidentId, name } } }),

    /** Oldest first. */
    ofIncident: (incidentId: number): Promise<Milestone[]> =>
      db.milestone.findMany({ where: { incidentId }, orderBy: { occurredAt: "asc" } }),

    /** The earliest moment recorded for the incident (impact may start before declaring). */
    async earliest(incidentId: number): Promise<Date | null> {
      const first = await db.milestone.findFirst({
        where: { incidentId },
        orderBy: { occurredAt: "asc" },
        select: { occurredAt: true },
      });
      return first?.occurredAt ?? null;
    },

    async create(input: {
      incidentId: number;
      name: string;
      at: Date;
      setById: string | null;
      note?: string;
    }) {
      await db.milestone.create({
        data: {
          incidentId: input.incidentId,
          name: input.name,
          occurredAt: input.at,
          setById: input.setById,
          note: input.note ?? "",
        },
      });
    },

    /** Moves a milestone, keeping its first time, who corrected it and when. */
    async correct(existing: Milestone, change: { at: Date; note: string; by: string | null; now: Date }) {
      await db.milestone.update({
        where: { id: existing.id },
        data: {
          occurredAt: change.at,
          note: change.note || existing.note,
          originalAt: existing.originalAt ?? existing.occurredAt,
          correctedById: change.by,
          correctedAt: change.now,
        },
      });
    },

    /** Sets an automatic milestone (resolved, closed) afresh, forgetting earlier corrections. */
    async setAutomatic(incidentId: number, name: string, at: Date, setById: string | null, reset: boolean) {
      await db.milestone.upsert({
        where: { incidentId_name: { incidentId, name } },
        create: { incidentId, name, occurredAt: at, setById },
        update: {
          occurredAt: at,
          setById,
          ...(reset ? { originalAt: null, correctedAt: null, correctedById: null } : {}),
        },
      });
    },

    /** Gives a milestone another name (reopening keeps `resolved` as `resolved-<n>`). */
    async rename(incidentId: number, from: string, to: string): Promise<void> {
      await db.milestone.updateMany({ where: { incidentId, name: from }, data: { name: to } });
    },
  };
}

export type MilestonesRepository = ReturnType<typeof milestonesRepository>;
