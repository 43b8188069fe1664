// What the outbox reads and writes about the conversations it delivers to: an incident's or
// workstream's channel, topic and the ts of the state messages it keeps up to date.
import { type Scope, scopeLane } from "../../outbox/intents.ts";
import { type Db, Prisma } from "../client.ts";
import type { Provider } from "../database-url.ts";
import type { Handoff, Incident } from "../models.ts";
import { plainExecute, plainRows } from "../plain-statements.ts";
import {
  decodedRow,
  type JsonDialect,
  PARAMETER,
  statementPerStore,
  type TableShape,
} from "../queries/json-rows.ts";

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

/** A scope's row as plain SQL reads it: SQLite may give integers as bigints and booleans as 0/1. */
interface ScopeRow {
  id: number | bigint;
  channelId: string | null;
  channelName: string | null;
  topic: string | null;
  summaryTs: string | null;
  wantChannel?: unknown;
  incidentId: number | bigint | null;
  number: number | bigint | null;
  isPrivate: unknown;
  incidentChannelId: string | null;
}

/** A boolean column as plain SQL reads it (SQLite may give an integer). */
const flag = (value: unknown) => (typeof value === "boolean" ? value : Number(value) !== 0);

/**
 * The incident or workstream a scope names; an error when it does not exist. Plain SQL, one
 * statement: every pinned summary, topic and board refresh reads it (src/db/plain-statements.ts).
 */
export async function loadDeliveryScope(db: Db, scope: Scope): Promise<DeliveryScope> {
  const own = Prisma.sql`t."id", t."channelId", t."channelName", t."topic", t."summaryTs"`;
  const ofIncident = (alias: "t" | "i") =>
    Prisma.raw(
      `${alias}."id" AS "incidentId", ${alias}."number", ${alias}."isPrivate", ${alias}."channelId" AS "incidentChannelId"`,
    );
  const [row] =
    "incidentId" in scope
      ? await plainRows<ScopeRow>(
          db,
          Prisma.sql`SELECT ${own}, ${ofIncident("t")} FROM "Incident" t WHERE t."id" = ${scope.incidentId}`,
        )
      : await plainRows<ScopeRow>(
          db,
          Prisma.sql`SELECT ${own}, t."wantChannel", ${ofIncident("i")}
            FROM "Workstream" t LEFT JOIN "Incident" i ON i."id" = t."incidentId"
            WHERE t."id" = ${scope.workstreamId}`,
        );
  if (!row) {
    const what = "incidentId" in scope ? `incident ${scope.incidentId}` : `workstream ${scope.workstreamId}`;
    throw new Error(`${what} does not exist`);
  }
  if (row.incidentId === null || row.number === null)
    throw new Error(`the incident of workstream ${row.id} does not exist`);
  const incident: ScopeIncident = {
    id: Number(row.incidentId),
    number: Number(row.number),
    isPrivate: flag(row.isPrivate),
    channelId: row.incidentChannelId,
  };
  const base = {
    id: Number(row.id),
    channelId: row.channelId,
    channelName: row.channelName,
    topic: row.topic,
    summaryTs: row.summaryTs,
    incident,
  };
  return "incidentId" in scope
    ? { kind: "incident", ...base }
    : { kind: "workstream", ...base, wantChannel: flag(row.wantChannel) };
}

/** The columns of a scope's row that deliveries keep up to date. */
type ScopeColumns = { channelId?: string; channelName?: string; topic?: string; summaryTs?: string };

/**
 * Sets columns of one incident's, workstream's or handoff's row in a plain statement (a topic
 * set, a summary, board or card first posted: src/db/plain-statements.ts); an error when the
 * row is gone.
 */
async function updateRow(
  db: Db,
  table: "Incident" | "Workstream" | "Handoff",
  id: number,
  data: ScopeColumns & { boardTs?: string; announceTs?: string; promptTs?: string },
): Promise<void> {
  // The column names are this function's own keys, never input.
  const sets = Object.entries(data).map(
    ([column, value]) => Prisma.sql`${Prisma.raw(`"${column}"`)} = ${value}`,
  );
  const changed = await plainExecute(
    db,
    Prisma.sql`UPDATE ${Prisma.raw(`"${table}"`)} SET ${Prisma.join(sets)} WHERE "id" = ${id}`,
  );
  if (changed === 0) throw new Error(`${table.toLowerCase()} ${id} does not exist`);
}

const updateScope = (db: Db, scope: DeliveryScope, data: ScopeColumns) =>
  updateRow(db, scope.kind === "incident" ? "Incident" : "Workstream", scope.id, data);

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
  const archived = await plainRows<{ archived: unknown }>(
    db,
    Prisma.sql`SELECT 1 AS "archived" FROM "OutboxMessage"
      WHERE "status" = 'done' AND "lane" = ${scopeLane(scope)} AND "kind" = 'channel.archive' LIMIT 1`,
  );
  return archived.length > 0;
}

export const storeTopic = (db: Db, scope: DeliveryScope, topic: string) => updateScope(db, scope, { topic });

export const storeSummaryTs = (db: Db, scope: DeliveryScope, ts: string) =>
  updateScope(db, scope, { summaryTs: ts });

export const storeBoardTs = (db: Db, incidentId: number, ts: string) =>
  updateRow(db, "Incident", incidentId, { boardTs: ts });

export const storeAnnounceTs = (db: Db, incidentId: number, ts: string) =>
  updateRow(db, "Incident", incidentId, { announceTs: ts });

/** Workstreams of an incident that have a channel of their own, created, in the order they were added. */
export async function workstreamChannelsOf(
  db: Db,
  incidentId: number,
): Promise<{ id: number; summaryTs: string | null }[]> {
  const rows = await plainRows<{ id: number | bigint; summaryTs: string | null }>(
    db,
    Prisma.sql`SELECT "id", "summaryTs" FROM "Workstream"
      WHERE "incidentId" = ${incidentId} AND "wantChannel" AND "channelId" IS NOT NULL ORDER BY "id"`,
  );
  return rows.map((row) => ({ id: Number(row.id), summaryTs: row.summaryTs }));
}

/**
 * The workstreams whose pinned summary shows this one's state: the one it is under and the
 * ones under it, each with a summary already posted in a channel of its own. One plain
 * statement: every workstream's summary refresh reads it.
 */
export async function summaryRelativesOf(db: Db, workstreamId: number): Promise<number[]> {
  const rows = await plainRows<{ id: number | bigint }>(
    db,
    Prisma.sql`SELECT w."id" FROM "Workstream" s
      JOIN "Workstream" w ON w."parentId" = s."id" OR w."id" = s."parentId"
      WHERE s."id" = ${workstreamId} AND w."wantChannel" AND w."summaryTs" IS NOT NULL
      ORDER BY w."id"`,
  );
  return rows.map((row) => Number(row.id));
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
  return {
    isPrivate: flag(incident.isPrivate),
    channelId: incident.channelId,
    announceTs: incident.announceTs,
  };
}

const HANDOFF: TableShape<Handoff> = {
  table: "Handoff",
  columns: Object.values(Prisma.HandoffScalarFieldEnum),
  instants: ["boundaryAt", "promptedAt", "briefedAt", "acceptedAt", "acceptBy", "nextEscalationAt"],
  json: ["brief"],
};

function handoffCardStatement(dialect: JsonDialect): string {
  return `SELECT ${dialect.row(HANDOFF, `t."id" = h."id"`)} AS "handoff",
      i."number" AS "incidentNumber", w."name" AS "workstream"
    FROM "Handoff" h JOIN "Incident" i ON i."id" = h."incidentId"
      LEFT JOIN "Workstream" w ON w."id" = h."workstreamId"
    WHERE h."id" = ${PARAMETER}`;
}

const HANDOFF_CARD = statementPerStore(handoffCardStatement);

/**
 * A handoff with what its card names (incident number, workstream); null when it is gone. One
 * statement (src/db/queries/json-rows.ts): every handoff's card is posted, then edited as it
 * is briefed, accepted or escalated.
 */
export async function handoffCardOf(
  db: Db,
  provider: Provider,
  handoffId: number,
): Promise<(Handoff & { incidentNumber: number; workstream: string | null }) | null> {
  const [row] = await plainRows<{
    handoff: unknown;
    incidentNumber: number | bigint;
    workstream: string | null;
  }>(db, HANDOFF_CARD.bind(provider, handoffId));
  if (!row) return null;
  return {
    ...decodedRow(row.handoff, HANDOFF),
    incidentNumber: Number(row.incidentNumber),
    workstream: row.workstream,
  };
}

export const storeHandoffCardTs = (db: Db, handoffId: number, ts: string) =>
  updateRow(db, "Handoff", handoffId, { promptTs: ts });

/** The incident row a postmortem draft is rendered from. */
export async function incidentForDraft(db: Db, incidentId: number): Promise<Incident> {
  const incident = await db.incident.findUnique({ where: { id: incidentId } });
  if (!incident) throw new Error(`incident ${incidentId} does not exist`);
  return incident;
}
