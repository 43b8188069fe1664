// Reading an incident's timeline in occurredAt order, as rows (the CLI export prints them as
// stored; repositories/timeline.ts parses them into events). Every read here is one query over
// the index [incidentId, occurredAt, id], so 20,000 entries come back in one round trip, not N.
import { type Db, Prisma, type Tx } from "../client.ts";
import type { Provider } from "../database-url.ts";
import { modelColumns } from "../model-columns.ts";
import type { TimelineEntry } from "../models.ts";
import { plainRows } from "../plain-statements.ts";
import { textList } from "../value-lists.ts";

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

/** Whether `filter` leaves out any of its incident's entries (a condition besides the incident). */
export function narrowsTimeline(provider: Provider, filter: TimelineFilter): boolean {
  return conditionsOf(provider, filter).length > 1;
}

/** The filter's conditions, the incident's first; the kinds as one parameter (src/db/value-lists.ts). */
function conditionsOf(provider: Provider, filter: TimelineFilter): Prisma.Sql[] {
  const parts = [Prisma.sql`"incidentId" = ${filter.incidentId}`];
  if (filter.workstreamId) parts.push(Prisma.sql`"workstreamId" = ${filter.workstreamId}`);
  if (filter.since) parts.push(Prisma.sql`"occurredAt" >= ${filter.since}`);
  if (filter.until) parts.push(Prisma.sql`"occurredAt" < ${filter.until}`);
  if (filter.kinds?.length) parts.push(Prisma.sql`"kind" IN (${textList(provider, filter.kinds)})`);
  return parts;
}

/** The filter as SQL. */
function conditionOf(provider: Provider, filter: TimelineFilter): Prisma.Sql {
  return Prisma.join(conditionsOf(provider, filter), " AND ");
}

/** Every column of the model, for plain reads of whole entries. */
export const TIMELINE_COLUMNS = modelColumns(Prisma.TimelineEntryScalarFieldEnum);

/** The whole timeline of an incident, oldest first (ties in the order they were recorded). */
export function readTimeline(db: Db | Tx, incidentId: number): Promise<TimelineEntry[]> {
  return db.timelineEntry.findMany({ where: { incidentId }, orderBy: TIMELINE_ORDER });
}

/**
 * How many entries the filter keeps. This and timelineSlice are plain SQL: every view of an
 * incident page (which every reader's browser reloads every 30 s while the incident is open) and
 * every `/incident timeline` page asks both, 1.3–3.9 ms of CPU each as model queries.
 */
export async function countTimeline(
  db: Db | Tx,
  provider: Provider,
  filter: TimelineFilter,
): Promise<number> {
  const [row] = await plainRows<{ count: number | bigint }>(
    db,
    Prisma.sql`SELECT COUNT(*) AS "count" FROM "TimelineEntry" WHERE ${conditionOf(provider, filter)}`,
  );
  return Number(row?.count ?? 0);
}

/** `take` entries from position `offset` (0-based, oldest first; ties in the order they were recorded). */
export function timelineSlice(
  db: Db | Tx,
  provider: Provider,
  filter: TimelineFilter,
  offset: number,
  take: number,
): Promise<TimelineEntry[]> {
  return plainRows<TimelineEntry>(
    db,
    Prisma.sql`SELECT ${TIMELINE_COLUMNS} FROM "TimelineEntry" WHERE ${conditionOf(provider, filter)}
      ORDER BY "occurredAt" ASC, "id" ASC LIMIT ${take} OFFSET ${offset}`,
  );
}
