// The timeline: written on every change (plain SQL, see below), read back with each entry's
// `data` parsed once into the event union. An entry that does not parse is an error naming
// its id: a silent default would put a wrong fact into a postmortem.

import { nameUserIdTokens } from "../../domain/text/slack-markup.ts";
import type { TimelineEntry } from "../../domain/timeline/entry.ts";
import { incidentEventSchema } from "../../domain/timeline/event-schema.ts";
import type { EventKind } from "../../domain/timeline/events.ts";
import { Prisma, type Tx } from "../client.ts";
import type { Provider } from "../database-url.ts";
import { drawId, executeLater, queryRawPlain } from "../direct.ts";
import type { TimelineEntry as TimelineRow } from "../models.ts";
import { plainRows } from "../plain-statements.ts";
import {
  countTimeline,
  narrowsTimeline,
  readTimeline,
  TIMELINE_COLUMNS,
  TIMELINE_ORDER,
  type TimelineFilter,
  timelineSlice,
} from "../queries/timeline.ts";
import { OPEN_INCIDENT_IDS } from "./incidents.ts";
import { CorruptRowError, jsonOf, oneOf } from "./parse-row.ts";

export type { TimelineFilter };

export function toTimelineEntry(row: TimelineRow): TimelineEntry {
  const { data, kind, tag, ...rest } = row;
  const event = jsonOf(incidentEventSchema, data, "TimelineEntry", row.id, "data");
  if (event.kind !== kind)
    throw new CorruptRowError("TimelineEntry", row.id, "data", `is a ${event.kind}, the row says ${kind}`);
  return {
    ...rest,
    event,
    tag:
      tag === null
        ? null
        : oneOf(["cause", "lesson"] as const, tag, { table: "TimelineEntry", id: row.id, column: "tag" }),
  };
}

/** What one recorded change writes. */
export interface NewTimelineEntry {
  incidentId: number;
  workstreamId: number | null;
  kind: string;
  occurredAt: Date;
  recordedAt: Date;
  actorId: string | null;
  text: string;
  data: unknown;
  tag: string | null;
  sourceChannelId: string | null;
  sourceTs: string | null;
  permalink: string | null;
  dedupeKey: string | null;
}

const NEWEST: Prisma.TimelineEntryOrderByWithRelationInput[] = [{ occurredAt: "desc" }, { id: "desc" }];

export function timelineRepository(db: Tx, provider: Provider) {
  return {
    /**
     * Plain SQL: it runs on every command, and Prisma's query builder costs about ten times the
     * insert itself on SQLite (~1 ms vs ~0.1 ms per row). The SQL is the same on both stores;
     * Prisma fills in the placeholders, and the row reads back through the model unchanged.
     */
    async insert(row: NewTimelineEntry): Promise<number> {
      // PostgreSQL: with an id drawn ahead, the INSERT goes with the next statement (one round
      // trip less while the incident's row lock is held; src/db/pg-direct.ts).
      const columns =
        Prisma.raw(`"incidentId", "workstreamId", "kind", "occurredAt", "recordedAt", "actorId", "text",
        "data", "tag", "sourceChannelId", "sourceTs", "permalink", "dedupeKey"`);
      const values = Prisma.sql`${row.incidentId}, ${row.workstreamId}, ${row.kind}, ${row.occurredAt}, ${row.recordedAt},
        ${row.actorId}, ${row.text}, ${JSON.stringify(row.data ?? null)}, ${row.tag}, ${row.sourceChannelId},
        ${row.sourceTs}, ${row.permalink}, ${row.dedupeKey}`;
      const id = await drawId(db, "TimelineEntry");
      if (id !== null) {
        await executeLater(
          db,
          "TimelineEntry",
          Prisma.sql`INSERT INTO "TimelineEntry" ("id", ${columns}) VALUES (${id}, ${values})`,
        );
        return id;
      }
      const inserted = await queryRawPlain<{ id: number | bigint }>(
        db,
        Prisma.sql`INSERT INTO "TimelineEntry" (${columns}) VALUES (${values}) RETURNING "id"`,
      );
      return Number(inserted[0]?.id);
    },

    /** The most recent entry of one kind (by when it happened). */
    async latest(incidentId: number, kind: EventKind): Promise<TimelineEntry | null> {
      const row = await db.timelineEntry.findFirst({ where: { incidentId, kind }, orderBy: NEWEST });
      return row ? toTimelineEntry(row) : null;
    },

    /** The entries of some kinds since an instant, newest first (optionally incident-wide + one workstream). */
    async recent(query: {
      incidentId: number;
      since: Date;
      kinds: EventKind[];
      workstreamId: number | null;
      take: number;
    }): Promise<TimelineEntry[]> {
      const rows = await db.timelineEntry.findMany({
        where: {
          incidentId: query.incidentId,
          occurredAt: { gte: query.since },
          kind: { in: query.kinds },
          ...(query.workstreamId
            ? { OR: [{ workstreamId: query.workstreamId }, { workstreamId: null }] }
            : {}),
        },
        orderBy: NEWEST,
        take: query.take,
      });
      return rows.map(toTimelineEntry);
    },

    /**
     * Every entry of one kind in the open incidents, oldest first (ties in the order they were
     * recorded): the handoff prompts read when each scope was attached at every scheduler tick.
     * Plain SQL read as the model query reads it (see OPEN_INCIDENT_IDS).
     */
    async ofKindInOpenIncidents(kind: EventKind): Promise<TimelineEntry[]> {
      const query = Prisma.sql`SELECT ${TIMELINE_COLUMNS} FROM "TimelineEntry"
        WHERE "kind" = ${kind} AND "incidentId" IN (${OPEN_INCIDENT_IDS}) ORDER BY "occurredAt" ASC, "id" ASC`;
      return (await plainRows<TimelineRow>(db, query)).map(toTimelineEntry);
    },

    /** An incident's entries of some kinds, oldest first (the access record reads a few kinds). */
    async ofKinds(incidentId: number, kinds: EventKind[]): Promise<TimelineEntry[]> {
      const rows = await db.timelineEntry.findMany({
        where: { incidentId, kind: { in: kinds } },
        orderBy: TIMELINE_ORDER,
      });
      return rows.map(toTimelineEntry);
    },

    /** The whole timeline of an incident, oldest first (ties in the order they were recorded). */
    async all(incidentId: number): Promise<TimelineEntry[]> {
      return (await readTimeline(db, incidentId)).map(toTimelineEntry);
    },

    count: (filter: TimelineFilter): Promise<number> => countTimeline(db, provider, filter),

    /**
     * How many entries the filter keeps, and how many the incident has: one count when the
     * filter narrows nothing. The incident page asks both at every view (its page count, and
     * the version of the draft it shows), and an open incident's page reloads every 30 s in
     * every reader's browser: a count of 20,000 entries is a scan of the incident's index.
     */
    async counts(filter: TimelineFilter): Promise<{ kept: number; all: number }> {
      const whole = countTimeline(db, provider, { incidentId: filter.incidentId });
      const [kept, all] = await Promise.all([
        narrowsTimeline(provider, filter) ? countTimeline(db, provider, filter) : whole,
        whole,
      ]);
      return { kept, all };
    },

    /** `take` entries from position `offset` (0-based, oldest first). */
    async slice(filter: TimelineFilter, offset: number, take: number): Promise<TimelineEntry[]> {
      return (await timelineSlice(db, provider, filter, offset, take)).map(toTimelineEntry);
    },

    /** How many times `userId` joined the incident themselves (Join: invited only themselves). */
    async selfJoins(incidentId: number, userId: string): Promise<number> {
      const rows = await db.timelineEntry.findMany({
        where: { incidentId, kind: "people_invited", actorId: userId },
      });
      return rows
        .map((row) => toTimelineEntry(row).event)
        .filter(
          (event) =>
            event.kind === "people_invited" &&
            event.groupIds.length === 0 &&
            event.userIds.length === 1 &&
            event.userIds[0] === userId,
        ).length;
    },

    async idByDedupeKey(dedupeKey: string): Promise<number | null> {
      const row = await db.timelineEntry.findUnique({ where: { dedupeKey }, select: { id: true } });
      return row?.id ?? null;
    },

    /** One entry by id (null when there is none). */
    async byId(entryId: number): Promise<TimelineEntry | null> {
      const row = await db.timelineEntry.findUnique({ where: { id: entryId } });
      return row ? toTimelineEntry(row) : null;
    },

    /** A status update of this incident, by its entry id (what a ⭐ button names). */
    async updateOf(incidentId: number, entryId: number): Promise<TimelineEntry | null> {
      const row = await db.timelineEntry.findFirst({
        where: { id: entryId, incidentId, kind: "update_posted" },
      });
      return row ? toTimelineEntry(row) : null;
    },

    /**
     * Names people an entry's text left as bare `@U…` IDs (named too late for the ack), in the
     * entry's text and its event's text. Idempotent: a token once named is no longer an ID.
     * False when there was nothing to name (no entry, or no such token left).
     */
    async nameMentions(entryId: number, names: ReadonlyMap<string, string>): Promise<boolean> {
      const row = await db.timelineEntry.findUnique({ where: { id: entryId } });
      if (!row) return false;
      const { event } = toTimelineEntry(row);
      const text = nameUserIdTokens(row.text, names);
      const named =
        "text" in event && typeof event.text === "string" ? nameUserIdTokens(event.text, names) : null;
      const eventChanged = named !== null && "text" in event && named !== event.text;
      if (text === row.text && !eventChanged) return false;
      await db.timelineEntry.update({
        where: { id: entryId },
        data: {
          text,
          ...(eventChanged ? { data: { ...event, text: named } as Prisma.InputJsonObject } : {}),
        },
      });
      return true;
    },

    /** Marks a status update as key: its event gains `key: true`, as `update --key` stores it. */
    async markUpdateKey(incidentId: number, entryId: number): Promise<void> {
      const row = await db.timelineEntry.findFirst({
        where: { id: entryId, incidentId, kind: "update_posted" },
      });
      if (!row) throw new Error(`timeline entry ${entryId} is not a status update of incident ${incidentId}`);
      const { event } = toTimelineEntry(row);
      await db.timelineEntry.update({
        where: { id: entryId },
        data: { data: { ...event, key: true } as Prisma.InputJsonObject },
      });
    },
  };
}

export type TimelineRepository = ReturnType<typeof timelineRepository>;
