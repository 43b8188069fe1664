// What the public status page may read, and nothing more: published, non-private incidents
// (open, or resolved within the window), their public updates and their board states. Rows
// are narrowed here so no internal field (notes, people, channels) ever leaves the database
// layer on this path.
import type { ServiceState } from "../../domain/command/verbs/service.ts";
import type { RecoveryPhase } from "../../domain/incident/service-status.ts";
import type { Status } from "../../domain/incident/status.ts";
import type { Tx } from "../client.ts";
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

export function statusPageRepository(db: Tx) {
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
      // One after the other: on SQLite every read is its own serialized transaction.
      const updateRows = await db.timelineEntry.findMany({
        where: { incidentId: { in: ids }, kind: "update_posted" },
        orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      });
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
