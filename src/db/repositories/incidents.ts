// Incidents: the row and its parsed domain value, lookups, and the writes state changes make.
import type { Incident, NewIncident } from "../../domain/incident/incident.ts";
import type { Severity } from "../../domain/incident/severity.ts";
import { OPEN_STATUSES, type Status } from "../../domain/incident/status.ts";
import { Prisma, type Tx } from "../client.ts";
import type { Provider } from "../database-url.ts";
import { executeLater, queryLockedRow } from "../direct.ts";
import { modelColumns } from "../model-columns.ts";
import type { Incident as IncidentRow } from "../models.ts";
import { plainRows } from "../plain-statements.ts";
import { readReminderStates } from "../queries/reminder-states.ts";
import { integerList } from "../value-lists.ts";
import { severityOf, statusOf, stringsOf } from "./parse-row.ts";

export function toIncident(row: IncidentRow): Incident {
  return {
    ...row,
    severity: severityOf(row.severity, "Incident", row.id, "severity"),
    peakSeverity: severityOf(row.peakSeverity, "Incident", row.id, "peakSeverity"),
    status: statusOf(row.status, "Incident", row.id),
    regions: stringsOf(row.regions, "Incident", row.id, "regions"),
    services: stringsOf(row.services, "Incident", row.id, "services"),
  };
}

const orNull = (row: IncidentRow | null) => (row ? toIncident(row) : null);

/** Every column of the model (the lock is then a statement PostgreSQL keeps prepared, src/db/direct.ts). */
const INCIDENT_COLUMNS = modelColumns(Prisma.IncidentScalarFieldEnum);

/** Investigating, identified or monitoring: still being worked on. */
const IS_OPEN = Prisma.sql`"status" IN (${Prisma.join([...OPEN_STATUSES])})`;

/**
 * The ids of the open incidents, as a subquery: the scheduler's reads of what belongs to open
 * incidents name them this way rather than as a list of ids, which Prisma compiles afresh at
 * every call (4–8 ms of CPU for 200 ids) and which would be a new statement text, prepared
 * again, whenever the number of open incidents changes.
 */
export const OPEN_INCIDENT_IDS = Prisma.sql`SELECT "id" FROM "Incident" WHERE ${IS_OPEN}`;

/** Fields a state change may set (each handler sets only its own). */
export interface IncidentChange {
  title?: string;
  summary?: string;
  severity?: Severity;
  peakSeverity?: Severity;
  status?: Status;
  resolvedAt?: Date | null;
  closedAt?: Date | null;
  publishedAt?: Date;
  updatedAt?: Date;
  remindersSnoozedUntil?: Date | null;
  rotation?: string | null;
  rootCause?: string | null;
  customerImpact?: string | null;
  lessons?: string | null;
}

export function incidentsRepository(db: Tx, provider: Provider) {
  return {
    byId: async (id: number) => orNull(await db.incident.findUnique({ where: { id } })),
    byChannel: async (channelId: string) => orNull(await db.incident.findUnique({ where: { channelId } })),
    /**
     * By its INC number (the web pages' address); null for a number that is not an incident.
     * Plain SQL: every view of an incident page asks, and an open incident's page reloads
     * every 30 s in each reader's browser.
     */
    async byNumber(number: number): Promise<Incident | null> {
      if (!Number.isSafeInteger(number)) return null;
      const query = Prisma.sql`SELECT ${INCIDENT_COLUMNS} FROM "Incident" WHERE "number" = ${number}`;
      const [row] = await plainRows<IncidentRow>(db, query);
      return row ? toIncident(row) : null;
    },

    /**
     * What the internal incident list shows: every open incident (newest first), then those
     * resolved or closed since `resolvedSince` (most recently resolved first), at most `take`
     * of each.
     */
    async forIncidentList(
      resolvedSince: Date,
      take: number,
    ): Promise<{ open: Incident[]; ended: Incident[] }> {
      const [open, ended] = await Promise.all([
        db.incident.findMany({
          where: { status: { in: [...OPEN_STATUSES] } },
          orderBy: { number: "desc" },
          take,
        }),
        db.incident.findMany({
          where: {
            status: { notIn: [...OPEN_STATUSES] },
            OR: [{ resolvedAt: { gte: resolvedSince } }, { closedAt: { gte: resolvedSince } }],
          },
          orderBy: { number: "desc" },
          take,
        }),
      ]);
      return { open: open.map(toIncident), ended: ended.map(toIncident) };
    },

    /**
     * The incident, serialised against other changes to it for the rest of the transaction:
     * PostgreSQL takes the row lock; SQLite runs one write transaction at a time anyway.
     * Plain SQL, as it runs in every change (see src/db/fast-writes.ts): on PostgreSQL the
     * locking SELECT returns the row itself, one round trip instead of two while every other
     * change to the incident waits for the lock. The raw row has the model's columns and types
     * on both stores (JSON parsed, instants as Dates, booleans); toIncident checks what it reads.
     * After a change's countUpdate (put off), the next change's lock in the same transaction
     * reads the row as the transaction holds it, without a statement, or, when it held no lock
     * before, from that UPDATE's RETURNING in the statement that carries it (src/db/direct.ts).
     */
    async lock(id: number): Promise<Incident | null> {
      const rows = await queryLockedRow<IncidentRow>(db, "Incident", id, {
        query:
          provider === "postgresql"
            ? Prisma.sql`SELECT ${INCIDENT_COLUMNS} FROM "Incident" WHERE "id" = ${id} FOR UPDATE`
            : Prisma.sql`SELECT ${INCIDENT_COLUMNS} FROM "Incident" WHERE "id" = ${id}`,
        columns: INCIDENT_COLUMNS,
      });
      return orNull(rows[0] ?? null);
    },

    /**
     * Every incident not closed yet, worst first then newest (callers filter and page what they
     * show). Plain SQL read as the model query reads it: the App Home lists them each time
     * someone opens it, hundreds of people during a large outage.
     */
    async notClosed(): Promise<Incident[]> {
      const query = Prisma.sql`SELECT ${INCIDENT_COLUMNS} FROM "Incident"
        WHERE "status" <> 'closed' ORDER BY "severity" ASC, "number" DESC`;
      return (await plainRows<IncidentRow>(db, query)).map(toIncident);
    },

    /** Every open incident's "no status update" reminder state, in one statement. */
    reminderStates: () => readReminderStates(db),

    /**
     * Plain SQL, read as the model query reads it (as `lock` does): the scheduler's jobs read
     * every open incident at each tick (two of them, on the one event loop acknowledgements
     * need). At 200 open incidents the model query took 5.5–7 ms of CPU a call, this 1.7–2.3 ms
     * (both stores, in process, 200 calls after warm-up). Incidents still being worked on
     * (investigating, identified, monitoring), oldest first.
     */
    async active(): Promise<Incident[]> {
      const query = Prisma.sql`SELECT ${INCIDENT_COLUMNS} FROM "Incident" WHERE ${IS_OPEN} ORDER BY "id" ASC`;
      return (await plainRows<IncidentRow>(db, query)).map(toIncident);
    },

    /**
     * Those of these incidents not closed, in no particular order (the App Home's "my roles").
     * Plain SQL with the ids as one parameter (src/db/value-lists.ts): as a model query with a
     * list, Prisma compiles it afresh at every call.
     */
    async notClosedAmong(ids: number[]): Promise<Incident[]> {
      if (!ids.length) return [];
      const query = Prisma.sql`SELECT ${INCIDENT_COLUMNS} FROM "Incident"
        WHERE "id" IN (${integerList(provider, ids)}) AND "status" <> 'closed'`;
      return (await plainRows<IncidentRow>(db, query)).map(toIncident);
    },

    async create(input: NewIncident): Promise<Incident> {
      const { at, ...fields } = input;
      const row = await db.incident.create({
        data: {
          ...fields,
          peakSeverity: input.severity,
          status: "investigating",
          createdAt: at,
          updatedAt: at,
        },
      });
      return toIncident(row);
    },

    async update(id: number, change: IncidentChange): Promise<Incident> {
      return toIncident(await db.incident.update({ where: { id }, data: change }));
    },

    /**
     * Counts one more status update and moves the reminder clock. Plain SQL: it runs on every
     * `/incident update` (see src/db/fast-writes.ts for why the hot path avoids the builder).
     */
    async countUpdate(id: number, lastUpdateAt: Date): Promise<void> {
      // Put off to go with the statement after it; as an UPDATE of one row by id, a later lock
      // of the row in this transaction can read the row from it, or, when the transaction
      // holds the row locked already, apply `change` to it (src/db/pg-direct.ts lockBound).
      await executeLater(
        db,
        "Incident",
        Prisma.sql`UPDATE "Incident" SET "updateCount" = "updateCount" + 1, "lastUpdateAt" = ${lastUpdateAt}
          WHERE "id" = ${id}`,
        {
          updatesRow: id,
          change: (row) => ({ ...row, updateCount: Number(row.updateCount) + 1, lastUpdateAt }),
        },
      );
    },
  };
}

export type IncidentsRepository = ReturnType<typeof incidentsRepository>;
