// Reads everything a postmortem is built from, for one incident, in a few indexed queries
// (each by incident id; the timeline in one scan of its (incidentId, occurredAt, id) index,
// in plain SQL, with the pins taken back left out there), on SQLite and PostgreSQL alike.
import { isUserId, peopleIn } from "../../domain/postmortem/contract.ts";
import type { NameResolver, PostmortemInput } from "../../domain/postmortem/input.ts";
import type { Db, Tx } from "../client.ts";
import type { Incident, TimelineEntry } from "../models.ts";

/** The timeline columns a draft reads. */
type DraftEntryRow = Pick<
  TimelineEntry,
  | "id"
  | "kind"
  | "occurredAt"
  | "recordedAt"
  | "actorId"
  | "workstreamId"
  | "text"
  | "data"
  | "tag"
  | "permalink"
>;

export interface LoadOptions {
  generatedAt: Date;
  displayTimeZone: string | null;
  names: NameResolver;
}

const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

/** The incident's fields the draft reads (a row or the domain record: both have them). */
export type DraftIncident = Pick<
  Incident,
  | "id"
  | "number"
  | "title"
  | "summary"
  | "severity"
  | "peakSeverity"
  | "status"
  | "isPrivate"
  | "declaredById"
  | "channelName"
  | "createdAt"
  | "resolvedAt"
  | "closedAt"
  | "rootCause"
  | "customerImpact"
  | "lessons"
> & { regions: unknown; services: unknown };

export async function loadPostmortemInput(
  db: Db | Tx,
  incident: DraftIncident,
  options: LoadOptions,
): Promise<PostmortemInput> {
  const incidentId = incident.id;
  const [entries, milestones, roles, workstreams, services, actionItems, handoffs] = await Promise.all([
    // Plain SQL: on a 20,000-entry incident Prisma's model query spends about as long turning
    // rows into objects as reading them. The raw rows carry the model's types on both stores
    // (ids as numbers, instants as Dates, data parsed from JSON).
    // A pin everyone took back (and the "unpinned" entry itself) stays in the timeline as
    // evidence but is not something the postmortem cites: both are left out here, through the
    // pins' entryId index, instead of being read, parsed and dropped after a second query
    // with one parameter per pin (an outage can hold thousands of pins).
    db.$queryRaw<DraftEntryRow[]>`
      SELECT e."id", e."kind", e."occurredAt", e."recordedAt", e."actorId", e."workstreamId", e."text", e."data", e."tag", e."permalink"
      FROM "TimelineEntry" e
      WHERE e."incidentId" = ${incidentId}
        AND e."kind" <> 'message_unpinned'
        AND (e."kind" <> 'message_pinned' OR EXISTS (SELECT 1 FROM "TimelinePin" p WHERE p."entryId" = e."id"))
      ORDER BY e."occurredAt" ASC, e."id" ASC`,
    db.milestone.findMany({ where: { incidentId }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] }),
    db.roleAssignment.findMany({ where: { incidentId }, orderBy: [{ startedAt: "asc" }, { id: "asc" }] }),
    db.workstream.findMany({ where: { incidentId }, orderBy: { id: "asc" } }),
    db.serviceStatus.findMany({ where: { incidentId }, orderBy: { id: "asc" } }),
    db.actionItem.findMany({ where: { incidentId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db.handoff.findMany({ where: { incidentId }, orderBy: { id: "asc" } }),
  ]);

  const people = new Set<string>([incident.declaredById]);
  for (const entry of entries) {
    if (entry.actorId) people.add(entry.actorId);
    for (const id of peopleIn(entry.data)) people.add(id);
  }
  for (const role of roles) people.add(role.userId);
  for (const m of milestones) for (const id of [m.setById, m.correctedById]) if (id) people.add(id);
  for (const item of actionItems) for (const id of [item.ownerId, item.createdById]) if (id) people.add(id);
  for (const h of handoffs)
    for (const id of [h.fromUserId, h.toUserId, h.acceptedById]) if (id) people.add(id);
  const userIds = [...people].filter(isUserId).sort();

  return {
    incident: {
      number: incident.number,
      title: incident.title,
      summary: incident.summary,
      severity: incident.severity,
      peakSeverity: incident.peakSeverity,
      status: incident.status,
      isPrivate: incident.isPrivate,
      regions: stringList(incident.regions),
      services: stringList(incident.services),
      declaredById: incident.declaredById,
      channelName: incident.channelName,
      createdAt: incident.createdAt,
      resolvedAt: incident.resolvedAt,
      closedAt: incident.closedAt,
      rootCause: incident.rootCause,
      customerImpact: incident.customerImpact,
      lessons: incident.lessons,
    },
    entries,
    milestones,
    roles,
    workstreams,
    services,
    actionItems,
    handoffs,
    userNames: await options.names(userIds),
    generatedAt: options.generatedAt,
    displayTimeZone: options.displayTimeZone,
  };
}
