// The timeline entries a postmortem draft cites, for one incident, in the order things happened:
// one scan of the (incidentId, occurredAt, id) index, without the pins everyone took back (and
// the "unpinned" entries), which stay in the timeline as evidence but are not cited. Those
// are left out here, through the pins' entryId index, instead of being read, parsed and
// dropped after a second query with one parameter per pin (an outage can hold thousands).
import type pg from "pg";
import type { Db, Tx } from "../client.ts";
import type { Provider } from "../database-url.ts";
import type { TimelineEntry } from "../models.ts";
import { poolOf } from "../pg-pool.ts";
import { asPrismaError } from "../pg-values.ts";

/** The timeline columns a draft reads. */
export type DraftEntryRow = Pick<
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

export async function readDraftTimeline(
  db: Db | Tx,
  incidentId: number,
  provider?: Provider,
): Promise<DraftEntryRow[]> {
  if (provider === "sqlite") return readAsOneDocument(db, incidentId);
  const pool = poolOf(db);
  return pool ? readFromPool(pool, incidentId) : readRows(db, incidentId);
}

/**
 * Plain SQL (a transaction's client, or one whose pool is not known): on a 20,000-entry
 * incident Prisma's model query spends about as long turning rows into objects as reading
 * them. The raw rows carry the model's types on both stores (ids as numbers, instants as
 * Dates, data parsed from JSON).
 */
function readRows(db: Db | Tx, incidentId: number): Promise<DraftEntryRow[]> {
  return db.$queryRaw<DraftEntryRow[]>`
    SELECT e."id", e."kind", e."occurredAt", e."recordedAt", e."actorId", e."workstreamId", e."text", e."data", e."tag", e."permalink"
    FROM "TimelineEntry" e
    WHERE e."incidentId" = ${incidentId}
      AND e."kind" <> 'message_unpinned'
      AND (e."kind" <> 'message_pinned' OR EXISTS (SELECT 1 FROM "TimelinePin" p WHERE p."entryId" = e."id"))
    ORDER BY e."occurredAt" ASC, e."id" ASC`;
}

/**
 * Every value as PostgreSQL sends it, as text: readFromPool reads them itself. (Cast: pg types
 * getTypeParser with overloads for text and binary formats; only text is asked for here.)
 */
const AS_TEXT = { getTypeParser: () => (text: string) => text } as unknown as pg.CustomTypesConfig;

/** One entry as readFromPool reads it: the columns in order, as text (instants in epoch ms). */
type TextRow = [
  string,
  string,
  string,
  string,
  string | null,
  string | null,
  string,
  string | null,
  string | null,
  string | null,
];

/**
 * PostgreSQL, outside a transaction: the rows straight from the pool, as arrays of text, with
 * the instants sent as epoch milliseconds. Measured on the 20,000-entry bench incident (medians
 * of 11 alternating reads in one process, busy shared machine): 125 ms against 178 through
 * Prisma's raw query (process CPU 85 against 106 ms in another run), whose adapter rewrites
 * each instant's text and then parses it as a date string (new Date of a number is far
 * cheaper), and whose client converts every value of every row once more. The rows are the
 * model's types all the same (test/integration/draft-timeline.test.ts).
 */
async function readFromPool(pool: pg.Pool, incidentId: number): Promise<DraftEntryRow[]> {
  let result: pg.QueryArrayResult<TextRow>;
  try {
    result = await pool.query<TextRow>({
      text: `SELECT e."id", e."kind", (extract(epoch FROM e."occurredAt") * 1000)::float8,
          (extract(epoch FROM e."recordedAt") * 1000)::float8, e."actorId", e."workstreamId", e."text",
          e."data", e."tag", e."permalink"
        FROM "TimelineEntry" e
        WHERE e."incidentId" = $1
          AND e."kind" <> 'message_unpinned'
          AND (e."kind" <> 'message_pinned' OR EXISTS (SELECT 1 FROM "TimelinePin" p WHERE p."entryId" = e."id"))
        ORDER BY e."occurredAt" ASC, e."id" ASC`,
      values: [incidentId],
      rowMode: "array",
      types: AS_TEXT,
    });
  } catch (error) {
    throw asPrismaError(error);
  }
  return result.rows.map(
    ([id, kind, occurredAt, recordedAt, actorId, workstreamId, text, data, tag, permalink]) => {
      const occurred = new Date(Number(occurredAt));
      return {
        id: Number(id),
        kind,
        occurredAt: occurred,
        recordedAt: recordedAt === occurredAt ? new Date(occurred.getTime()) : new Date(Number(recordedAt)),
        actorId,
        workstreamId: workstreamId === null ? null : Number(workstreamId),
        text,
        data: data === null ? null : (JSON.parse(data) as DraftEntryRow["data"]),
        tag,
        permalink,
      };
    },
  );
}

/** One entry as SQLite writes it into the JSON document below: the columns in order. */
type EntryTuple = [
  number,
  string,
  string | number,
  string | number,
  string | null,
  number | null,
  string,
  unknown,
  string | null,
  string | null,
];

/**
 * SQLite only: the same entries as one JSON document built by SQLite (json_group_array), parsed
 * once. Prisma's raw path converts every value of every row through its driver adapter and
 * client (measured: the document reads the 20,000-entry bench incident in about 0.35× the time
 * of the model query, the rows in about 0.6×). PostgreSQL builds JSON slower than it sends
 * rows, so it reads rows. Instants are read as Prisma reads them (stored text or epoch
 * milliseconds, through new Date), data is the stored JSON (json() checks and embeds it).
 * INDEXED BY: left to itself SQLite scans the (incidentId, kind) index (the aggregate's ORDER
 * BY plays no part in its choice) and sorts rows met in that order; the index in time order
 * gives the sort its rows nearly sorted (measured on the bench incident: the statement in 35 ms
 * instead of 45). A renamed index fails the query loudly instead of slowing it silently.
 */
async function readAsOneDocument(db: Db | Tx, incidentId: number): Promise<DraftEntryRow[]> {
  const [result] = await db.$queryRaw<{ entries: string | null }[]>`
    SELECT json_group_array(json_array(e."id", e."kind", e."occurredAt", e."recordedAt", e."actorId",
        e."workstreamId", e."text", json(e."data"), e."tag", e."permalink") ORDER BY e."occurredAt", e."id") AS "entries"
    FROM "TimelineEntry" e INDEXED BY "TimelineEntry_incidentId_occurredAt_id_idx"
    WHERE e."incidentId" = ${incidentId}
      AND e."kind" <> 'message_unpinned'
      AND (e."kind" <> 'message_pinned' OR EXISTS (SELECT 1 FROM "TimelinePin" p WHERE p."entryId" = e."id"))`;
  const tuples = JSON.parse(result?.entries ?? "[]") as EntryTuple[];
  return tuples.map(
    ([id, kind, occurredAt, recordedAt, actorId, workstreamId, text, data, tag, permalink]) => {
      const occurred = new Date(occurredAt);
      return {
        id,
        kind,
        occurredAt: occurred,
        // Most entries are recorded as they happen: one parse of the instant, two Dates.
        recordedAt: recordedAt === occurredAt ? new Date(occurred.getTime()) : new Date(recordedAt),
        actorId,
        workstreamId,
        text,
        data: data as DraftEntryRow["data"],
        tag,
        permalink,
      };
    },
  );
}
