// What the public status page may read, and nothing more: published, non-private incidents
// (open, or resolved within the window), their public updates and their board states. Rows
// are narrowed here so no internal field (notes, people, channels) ever leaves the database
// layer on this path.
import type { ServiceState } from "../../domain/command/verbs/service.ts";
import type { RecoveryPhase } from "../../domain/incident/service-status.ts";
import type { Status } from "../../domain/incident/status.ts";
import { Prisma, type Tx } from "../client.ts";
import type { Provider } from "../database-url.ts";
import { modelColumns } from "../model-columns.ts";
import type { TimelineEntry as TimelineRow } from "../models.ts";
import { plainRows } from "../plain-statements.ts";
import { integerList } from "../value-lists.ts";
import { toServiceStatus } from "./board.ts";
import { toIncident } from "./incidents.ts";
import { toTimelineEntry } from "./timeline.ts";

export interface PublishedIncident {
  number: number;
  title: string;
  status: Status;
  declaredAt: Date;
  publishedAt: Date;
  resolvedAt: Date | null;
  /** Updates posted with `--public`, newest first. */
  updates: { id: number; at: Date; text: string }[];
  /** Board states only (no notes, no people). */
  board: { service: string; region: string; phase: RecoveryPhase; state: ServiceState; updatedAt: Date }[];
}

/** The timeline entry's `data` says `public: true` (an update posted with `--public`). */
const isPublic = (provider: Provider) =>
  provider === "postgresql"
    ? Prisma.sql`("data"->>'public') = 'true'`
    : Prisma.sql`json_extract("data", '$.public') = 1`;

const TIMELINE_COLUMNS = modelColumns(Prisma.TimelineEntryScalarFieldEnum);

export function statusPageRepository(db: Tx, provider: Provider) {
  return {
    /** Published public incidents not resolved before `resolvedSince`, newest first. */
    async publishedSince(resolvedSince: Date): Promise<PublishedIncident[]> {
      const rows = await db.incident.findMany({
        where: {
          publishedAt: { not: null },
          isPrivate: false,
          OR: [{ resolvedAt: null }, { resolvedAt: { gte: resolvedSince } }],
        },
        orderBy: { number: "desc" },
      });
      const incidents = rows.map(toIncident).filter((i) => !i.isPrivate && i.publishedAt);
      if (!incidents.length) return [];
      const ids = incidents.map((i) => i.id);
      // Only the public updates are read: an incident at outage scale holds tens of thousands
      // of internal ones, and reading and parsing them all cost ~400 ms of CPU per page view.
      // One after the other: on SQLite every read is its own serialized transaction.
      const updateRows = await plainRows<TimelineRow>(
        db,
        Prisma.sql`SELECT ${TIMELINE_COLUMNS} FROM "TimelineEntry"
          WHERE "kind" = 'update_posted' AND "incidentId" IN (${integerList(provider, ids)}) AND ${isPublic(provider)}
          ORDER BY "occurredAt" DESC, "id" DESC`,
      );
      const boardRows = await db.serviceStatus.findMany({
        where: { incidentId: { in: ids } },
        orderBy: [{ service: "asc" }, { region: "asc" }, { phase: "desc" }],
      });
      const updates = updateRows.map(toTimelineEntry);
      const board = boardRows.map(toServiceStatus);
      return incidents.map((incident) => ({
        number: incident.number,
        title: incident.title,
        status: incident.status,
        declaredAt: incident.createdAt,
        publishedAt: incident.publishedAt as Date,
        resolvedAt: incident.resolvedAt,
        updates: updates.flatMap((entry) =>
          entry.incidentId === incident.id &&
          entry.event.kind === "update_posted" &&
          entry.event.public === true
            ? [{ id: entry.id, at: entry.occurredAt, text: entry.event.text }]
            : [],
        ),
        board: board
          .filter((row) => row.incidentId === incident.id)
          .map(({ service, region, phase, state, updatedAt }) => ({
            service,
            region,
            phase,
            state,
            updatedAt,
          })),
      }));
    },
  };
}

export type StatusPageRepository = ReturnType<typeof statusPageRepository>;
