// Reading an incident's timeline in occurredAt order, as rows (the CLI export prints them as
// stored; repositories/timeline.ts parses them into events). Every read here is one query over
// the index [incidentId, occurredAt, id], so 20,000 entries come back in one round trip, not N.
import type { Db, Prisma, Tx } from "../client.ts";
import type { TimelineEntry } from "../models.ts";

export interface TimelineFilter {
  incidentId: number;
  /** Only entries recorded for this workstream. */
  workstreamId?: number | null;
  /** Only entries that happened at or after this instant. */
  since?: Date | null;
  /** Only entries that happened before this instant. */
  until?: Date | null;
  /** Only entries of these kinds (the incident pages' kind filter). */
  kinds?: readonly string[] | null;
}

/** Oldest first; ties in the order they were recorded. */
export const TIMELINE_ORDER: Prisma.TimelineEntryOrderByWithRelationInput[] = [
  { occurredAt: "asc" },
  { id: "asc" },
];

function whereOf(filter: TimelineFilter): Prisma.TimelineEntryWhereInput {
  return {
    incidentId: filter.incidentId,
    ...(filter.workstreamId ? { workstreamId: filter.workstreamId } : {}),
    ...(filter.since || filter.until
      ? {
          occurredAt: {
            ...(filter.since ? { gte: filter.since } : {}),
            ...(filter.until ? { lt: filter.until } : {}),
          },
        }
      : {}),
    ...(filter.kinds?.length ? { kind: { in: [...filter.kinds] } } : {}),
  };
}

/** The whole timeline of an incident, oldest first (ties in the order they were recorded). */
export function readTimeline(db: Db | Tx, incidentId: number): Promise<TimelineEntry[]> {
  return db.timelineEntry.findMany({ where: { incidentId }, orderBy: TIMELINE_ORDER });
}

export function countTimeline(db: Db | Tx, filter: TimelineFilter): Promise<number> {
  return db.timelineEntry.count({ where: whereOf(filter) });
}

/** `take` entries from position `offset` (0-based, oldest first). */
export function timelineSlice(
  db: Db | Tx,
  filter: TimelineFilter,
  offset: number,
  take: number,
): Promise<TimelineEntry[]> {
  return db.timelineEntry.findMany({ where: whereOf(filter), orderBy: TIMELINE_ORDER, skip: offset, take });
}
