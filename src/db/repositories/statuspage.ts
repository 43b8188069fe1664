// What the Statuspage deliveries read and write: a published incident as the public may see it
// (title, status, one public update's text), the Statuspage id it got there, and the board rows
// of every published, unresolved, non-private incident for the services a change touched.
import { OPEN_STATUSES, type Status } from "../../domain/incident/status.ts";
import type { BoardRowState } from "../../domain/status-page/statuspage-mapping.ts";
import type { Db } from "../client.ts";
import { toServiceStatus } from "./board.ts";
import { toIncident } from "./incidents.ts";
import { toTimelineEntry } from "./timeline.ts";

export interface StatuspageSource {
  number: number;
  title: string;
  status: Status;
  published: boolean;
  isPrivate: boolean;
  statuspageIncidentId: string | null;
}

export async function loadStatuspageSource(db: Db, incidentId: number): Promise<StatuspageSource | null> {
  const row = await db.incident.findUnique({ where: { id: incidentId } });
  if (!row) return null;
  const incident = toIncident(row);
  return {
    number: incident.number,
    title: incident.title,
    status: incident.status,
    published: incident.publishedAt !== null,
    isPrivate: incident.isPrivate,
    statuspageIncidentId: row.statuspageIncidentId,
  };
}

/** The text of a public update of this incident; null when the entry is not one. */
export async function publicUpdateText(db: Db, incidentId: number, entryId: number): Promise<string | null> {
  const row = await db.timelineEntry.findUnique({ where: { id: entryId } });
  if (!row || row.incidentId !== incidentId) return null;
  const { event } = toTimelineEntry(row);
  return event.kind === "update_posted" && event.public === true ? event.text : null;
}

export async function storeStatuspageIncidentId(db: Db, incidentId: number, id: string): Promise<void> {
  await db.incident.update({ where: { id: incidentId }, data: { statuspageIncidentId: id } });
}

/** The services on this incident's board. */
export async function boardServicesOf(db: Db, incidentId: number): Promise<string[]> {
  const rows = await db.serviceStatus.findMany({
    where: { incidentId },
    select: { service: true },
    distinct: ["service"],
    orderBy: { service: "asc" },
  });
  return rows.map((r) => r.service);
}

/** Board rows of `services` on every published, non-private incident still open. */
export async function publicBoardRows(db: Db, services: string[]): Promise<BoardRowState[]> {
  if (!services.length) return [];
  const incidents = await db.incident.findMany({
    where: { publishedAt: { not: null }, isPrivate: false, status: { in: [...OPEN_STATUSES] } },
    select: { id: true },
  });
  if (!incidents.length) return [];
  const rows = await db.serviceStatus.findMany({
    where: { incidentId: { in: incidents.map((i) => i.id) }, service: { in: services } },
  });
  return rows.map(toServiceStatus).map(({ service, region, state }) => ({ service, region, state }));
}
