// What the outbox reads and writes about the conversations it delivers to: an incident's or
// workstream's channel, topic and the ts of the state messages it keeps up to date.
import { type Scope, scopeLane } from "../../outbox/intents.ts";
import { type Db, Prisma } from "../client.ts";
import type { Handoff, Incident } from "../models.ts";
import { plainRows } from "../plain-statements.ts";

/** The connection the outbox's deliveries read and write through (only via the functions here). */
export type DeliveryConnection = Db;

export interface ScopeIncident {
  id: number;
  number: number;
  isPrivate: boolean;
  channelId: string | null;
}

interface ScopeBase {
  id: number;
  channelId: string | null;
  channelName: string | null;
  topic: string | null;
  summaryTs: string | null;
  incident: ScopeIncident;
}

export type DeliveryScope =
  | (ScopeBase & { kind: "incident" })
  | (ScopeBase & { kind: "workstream"; wantChannel: boolean });

const INCIDENT_FIELDS = { id: true, number: true, isPrivate: true, channelId: true } as const;
const SCOPE_FIELDS = { id: true, channelId: true, channelName: true, topic: true, summaryTs: true } as const;

/** The incident or workstream a scope names; an error when it does not exist. */
export async function loadDeliveryScope(db: Db, scope: Scope): Promise<DeliveryScope> {
  if ("incidentId" in scope) {
    const row = await db.incident.findUnique({
      where: { id: scope.incidentId },
      select: { ...SCOPE_FIELDS, ...INCIDENT_FIELDS },
    });
    if (!row) throw new Error(`incident ${scope.incidentId} does not exist`);
    const { number, isPrivate, ...own } = row;
    return {
      kind: "incident",
      ...own,
      incident: { id: row.id, number, isPrivate, channelId: row.channelId },
    };
  }
  const row = await db.workstream.findUnique({
    where: { id: scope.workstreamId },
    select: { ...SCOPE_FIELDS, wantChannel: true, incidentId: true },
  });
  if (!row) throw new Error(`workstream ${scope.workstreamId} does not exist`);
  const incident = await db.incident.findUnique({ where: { id: row.incidentId }, select: INCIDENT_FIELDS });
  if (!incident) throw new Error(`incident ${row.incidentId} does not exist`);
  const { incidentId: _incidentId, ...own } = row;
  return { kind: "workstream", ...own, incident };
}

async function updateScope(
  db: Db,
  scope: DeliveryScope,
  data: { channelId?: string; channelName?: string; topic?: string; summaryTs?: string },
): Promise<void> {
  if (scope.kind === "incident") await db.incident.update({ where: { id: scope.id }, data });
  else await db.workstream.update({ where: { id: scope.id }, data });
}

export const storeChannel = (db: Db, scope: DeliveryScope, channel: { id: string; name: string }) =>
  updateScope(db, scope, { channelId: channel.id, channelName: channel.name });

/** Whether any incident or workstream already has this channel as its own. */
export async function isChannelClaimed(db: Db, channelId: string): Promise<boolean> {
  const [incidents, workstreams] = await Promise.all([
    db.incident.count({ where: { channelId } }),
    db.workstream.count({ where: { channelId } }),
  ]);
  return incidents + workstreams > 0;
}

/**
 * Whether the bot has archived this scope's channel (its channel.archive was delivered; it goes
 * in the scope's own lane). Topics and invites, in lanes of their own, may come after it.
 */
export async function channelArchived(db: Db, scope: Scope): Promise<boolean> {
  const archived = await db.outboxMessage.count({
    where: { lane: scopeLane(scope), kind: "channel.archive", status: "done" },
  });
  return archived > 0;
}

export const storeTopic = (db: Db, scope: DeliveryScope, topic: string) => updateScope(db, scope, { topic });

export const storeSummaryTs = (db: Db, scope: DeliveryScope, ts: string) =>
  updateScope(db, scope, { summaryTs: ts });

export async function storeBoardTs(db: Db, incidentId: number, ts: string): Promise<void> {
  await db.incident.update({ where: { id: incidentId }, data: { boardTs: ts } });
}

export async function storeAnnounceTs(db: Db, incidentId: number, ts: string): Promise<void> {
  await db.incident.update({ where: { id: incidentId }, data: { announceTs: ts } });
}

/** Workstreams of an incident that have a channel of their own, created. */
export async function workstreamChannelsOf(
  db: Db,
  incidentId: number,
): Promise<{ id: number; summaryTs: string | null }[]> {
  return db.workstream.findMany({
    where: { incidentId, wantChannel: true, channelId: { not: null } },
    select: { id: true, summaryTs: true },
  });
}

/**
 * The workstreams whose pinned summary shows this one's state: the one it is under and the
 * ones under it, each with a summary already posted in a channel of its own.
 */
export async function summaryRelativesOf(db: Db, workstreamId: number): Promise<number[]> {
  const self = await db.workstream.findUnique({ where: { id: workstreamId }, select: { parentId: true } });
  if (!self) return [];
  const rows = await db.workstream.findMany({
    where: {
      OR: [{ parentId: workstreamId }, ...(self.parentId !== null ? [{ id: self.parentId }] : [])],
      wantChannel: true,
      summaryTs: { not: null },
    },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => row.id);
}

/** Where an announcement reply goes: whether the incident is public, its channel and announcement. */
export async function announcementOf(
  db: Db,
  incidentId: number,
): Promise<{ isPrivate: boolean; channelId: string | null; announceTs: string | null }> {
  // Plain SQL: every mirrored update reads it (src/db/plain-statements.ts).
  const [incident] = await plainRows<{
    isPrivate: unknown;
    channelId: string | null;
    announceTs: string | null;
  }>(
    db,
    Prisma.sql`SELECT "isPrivate", "channelId", "announceTs" FROM "Incident" WHERE "id" = ${incidentId}`,
  );
  if (!incident) throw new Error(`incident ${incidentId} does not exist`);
  // SQLite may give the boolean as an integer.
  const isPrivate =
    typeof incident.isPrivate === "boolean" ? incident.isPrivate : Number(incident.isPrivate) !== 0;
  return { isPrivate, channelId: incident.channelId, announceTs: incident.announceTs };
}

/** A handoff with what its card names (incident number, workstream); null when it is gone. */
export async function handoffCardOf(
  db: Db,
  handoffId: number,
): Promise<(Handoff & { incidentNumber: number; workstream: string | null }) | null> {
  const handoff = await db.handoff.findUnique({ where: { id: handoffId } });
  if (!handoff) return null;
  const [incident, workstream] = await Promise.all([
    db.incident.findUnique({ where: { id: handoff.incidentId }, select: { number: true } }),
    handoff.workstreamId
      ? db.workstream.findUnique({ where: { id: handoff.workstreamId }, select: { name: true } })
      : null,
  ]);
  if (!incident) return null;
  return { ...handoff, incidentNumber: incident.number, workstream: workstream?.name ?? null };
}

export async function storeHandoffCardTs(db: Db, handoffId: number, ts: string): Promise<void> {
  await db.handoff.update({ where: { id: handoffId }, data: { promptTs: ts } });
}

/** The incident row a postmortem draft is rendered from. */
export async function incidentForDraft(db: Db, incidentId: number): Promise<Incident> {
  const incident = await db.incident.findUnique({ where: { id: incidentId } });
  if (!incident) throw new Error(`incident ${incidentId} does not exist`);
  return incident;
}
