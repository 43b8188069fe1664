// Reads everything a postmortem is built from, for one incident, in a few indexed queries
// (each by incident id; the timeline in one scan of its (incidentId, occurredAt, id) index,
// in plain SQL: draft-timeline.ts; the state tables beside it: postmortem-state.ts), on
// SQLite and PostgreSQL alike.
import { isUserId, peopleIn } from "../../domain/postmortem/contract.ts";
import type { NameResolver, PostmortemInput } from "../../domain/postmortem/input.ts";
import type { Db, Tx } from "../client.ts";
import type { Provider } from "../database-url.ts";
import type { Incident } from "../models.ts";
import { readDraftTimeline } from "./draft-timeline.ts";
import { readPostmortemState } from "./postmortem-state.ts";

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
  /**
   * The store, when known: SQLite reads the timeline as one JSON document (draft-timeline.ts),
   * PostgreSQL the state tables in one statement (postmortem-state.ts).
   */
  provider?: Provider,
): Promise<PostmortemInput> {
  const incidentId = incident.id;
  const [entries, { milestones, roles, workstreams, services, actionItems, handoffs }] = await Promise.all([
    readDraftTimeline(db, incidentId, provider),
    readPostmortemState(db, incidentId, provider),
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
