// What the "no status update" reminder job needs of every open incident, in one statement: the
// incident's status, severity, declaration, latest update and snooze, and its latest reminder.
// The job asks at every scheduler tick (twice: what is due now, and when the next is due), and
// with the simulated clock at every stop. Read as the open incidents' model rows and then one
// timeline query per incident, a tick cost 340 ms of the event loop at 200 open incidents on
// PostgreSQL (every acknowledgement in that time waited), and the same again on every tick.
// The latest reminder is found through the timeline's (incidentId, kind) index.
import { OPEN_STATUSES } from "../../domain/incident/status.ts";
import { incidentEventSchema } from "../../domain/timeline/event-schema.ts";
import type { ReminderState } from "../../domain/timeline/reminder-schedule.ts";
import { Prisma, type Tx } from "../client.ts";
import { plainRows } from "../plain-statements.ts";
import { jsonOf, severityOf, statusOf } from "../repositories/parse-row.ts";

/** An open incident's reminder state. */
export interface IncidentReminderState {
  incidentId: number;
  state: ReminderState;
}

interface Row {
  id: number | bigint;
  status: string;
  severity: number | bigint;
  createdAt: Date | string;
  lastUpdateAt: Date | string | null;
  remindersSnoozedUntil: Date | string | null;
  reminderId: number | bigint | null;
  reminderAt: Date | string | null;
  reminderData: unknown;
}

// SQLite's raw rows may carry instants as text and integers as bigints.
const instant = (value: Date | string) => (value instanceof Date ? value : new Date(value));
const instantOrNull = (value: Date | string | null) => (value === null ? null : instant(value));

/** Every open incident's reminder state, by incident id. */
export async function readReminderStates(db: Tx): Promise<IncidentReminderState[]> {
  const rows = await plainRows<Row>(
    db,
    Prisma.sql`SELECT i."id", i."status", i."severity", i."createdAt", i."lastUpdateAt", i."remindersSnoozedUntil",
        r."id" AS "reminderId", r."occurredAt" AS "reminderAt", r."data" AS "reminderData"
      FROM "Incident" i
      LEFT JOIN "TimelineEntry" r ON r."id" = (
        SELECT e."id" FROM "TimelineEntry" e
        WHERE e."incidentId" = i."id" AND e."kind" = 'reminder_sent'
        ORDER BY e."occurredAt" DESC, e."id" DESC
        LIMIT 1
      )
      WHERE i."status" IN (${Prisma.join([...OPEN_STATUSES])})
      ORDER BY i."id" ASC`,
  );
  return rows.map((row) => {
    const incidentId = Number(row.id);
    return {
      incidentId,
      // Checked as the incident's model read checks them: a corrupt row is an error naming it.
      state: {
        status: statusOf(row.status, "Incident", incidentId),
        severity: severityOf(Number(row.severity), "Incident", incidentId, "severity"),
        declaredAt: instant(row.createdAt),
        lastUpdateAt: instantOrNull(row.lastUpdateAt),
        snoozedUntil: instantOrNull(row.remindersSnoozedUntil),
        lastReminder: lastReminderOf(row),
      },
    };
  });
}

/** The latest reminder as the timeline holds it: when it was due, and when it was sent. */
function lastReminderOf(row: Row): ReminderState["lastReminder"] {
  if (row.reminderId === null || row.reminderAt === null) return null;
  const data = typeof row.reminderData === "string" ? JSON.parse(row.reminderData) : row.reminderData;
  // Checked as every timeline read checks it: a corrupt row is an error naming it.
  const event = jsonOf(incidentEventSchema, data, "TimelineEntry", Number(row.reminderId), "data");
  const sentAt = instant(row.reminderAt);
  if (event.kind !== "reminder_sent") return null;
  const dueAt = new Date(event.dueAt);
  return { dueAt: Number.isNaN(dueAt.getTime()) ? sentAt : dueAt, sentAt };
}
