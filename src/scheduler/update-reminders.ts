// "No status update for a while" reminders. For every open incident, the next reminder is due
// one cadence (per severity) after the later of the declaration and the latest update; it goes
// to whoever holds comms now, else the current commander, in the incident channel. Each due
// time is claimed in the database (runOnce), so it fires once across replicas and restarts.
import type { Tx } from "../db/client.ts";
import { runOnce } from "../db/job-runs.ts";
import type { Incident } from "../db/models.ts";
import type { Deps } from "../deps.ts";
import { OPEN_STATUSES } from "../domain/incident/status.ts";
import { nextReminderDue, type ReminderState, reminderBase } from "../domain/timeline/reminder-schedule.ts";
import { recordEvent } from "../events/record-event.ts";
import { effectContext, lockedIncident, metaFor } from "../services/support.ts";
import type { ScheduledJob } from "./scheduler.ts";

export const REMINDER_JOB = "update-reminder";

type Reader = Pick<Tx, "timelineEntry" | "roleAssignment">;

async function lastReminderOf(db: Reader, incidentId: number): Promise<ReminderState["lastReminder"]> {
  const entry = await db.timelineEntry.findFirst({
    where: { incidentId, kind: "reminder_sent" },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    select: { occurredAt: true, data: true },
  });
  if (!entry) return null;
  const dueAt = new Date(String((entry.data as { dueAt?: unknown } | null)?.dueAt ?? ""));
  return { dueAt: Number.isNaN(dueAt.getTime()) ? entry.occurredAt : dueAt, sentAt: entry.occurredAt };
}

async function stateOf(db: Reader, incident: Incident): Promise<ReminderState> {
  return {
    status: incident.status,
    severity: incident.severity,
    declaredAt: incident.createdAt,
    lastUpdateAt: incident.lastUpdateAt,
    snoozedUntil: incident.remindersSnoozedUntil,
    lastReminder: await lastReminderOf(db, incident.id),
  };
}

/** Who is reminded: the communications lead on duty now, else the current commander. */
async function recipientOf(db: Reader, incidentId: number): Promise<string | null> {
  const holders = await db.roleAssignment.findMany({
    where: { incidentId, workstreamId: null, role: { in: ["comms", "commander"] }, endedAt: null },
    orderBy: { startedAt: "desc" },
  });
  return (
    (holders.find((h) => h.role === "comms") ?? holders.find((h) => h.role === "commander"))?.userId ?? null
  );
}

export function updateRemindersJob(deps: Deps): ScheduledJob {
  const cadence = deps.config.incidents.reminderCadence;
  const { db } = deps.database;

  async function dueTimes(): Promise<{ incident: Incident; due: Date }[]> {
    const open = await db.incident.findMany({ where: { status: { in: [...OPEN_STATUSES] } } });
    const dues = await Promise.all(
      open.map(async (incident) => ({
        incident,
        due: nextReminderDue(await stateOf(db, incident), cadence),
      })),
    );
    return dues.filter((d): d is { incident: Incident; due: Date } => d.due !== null);
  }

  async function remind(incidentId: number, dueAt: Date, now: Date): Promise<number> {
    const sent = await runOnce(
      deps.database,
      { job: REMINDER_JOB, subject: String(incidentId), dueAt, now, holder: deps.instanceId },
      async (tx) => {
        const incident = await lockedIncident(deps, tx, incidentId);
        // Decided again under the lock: an update, a snooze or a resolution since we looked
        // means this reminder is no longer due.
        const state = await stateOf(tx, incident);
        const due = nextReminderDue(state, cadence);
        if (!due || due.getTime() !== dueAt.getTime() || due > now) return 0;
        const toUserId = await recipientOf(tx, incident.id);
        if (!toUserId) return 0;
        await recordEvent(
          tx,
          incident,
          {
            kind: "reminder_sent",
            dueAt: dueAt.toISOString(),
            toUserId,
            severity: incident.severity,
            sinceUpdateMs: now.getTime() - reminderBase(state).getTime(),
          },
          metaFor(deps, null, { occurredAt: now }),
          { context: effectContext(deps) },
        );
        return 1;
      },
    );
    return sent ?? 0;
  }

  return {
    name: REMINDER_JOB,
    async nextDueAfter(instant) {
      let earliest: Date | null = null;
      for (const { due } of await dueTimes()) {
        if (due > instant && (!earliest || due < earliest)) earliest = due;
      }
      return earliest;
    },
    async run(now) {
      let sent = 0;
      for (const { incident, due } of await dueTimes()) {
        if (due <= now) sent += await remind(incident.id, due, now);
      }
      return sent;
    },
  };
}
