// "No status update for a while" reminders. For every open incident, the next reminder is due
// one cadence (per severity) after the later of the declaration and the latest update; it goes
// to whoever holds comms now, else the current commander, in the incident channel. Each due
// time is claimed in the database (runOnce), so it fires once across replicas and restarts.
import type { Repositories } from "../db/repositories/store.ts";
import type { ServiceDeps } from "../deps.ts";
import type { Incident } from "../domain/incident/incident.ts";
import { nextReminderDue, type ReminderState, reminderBase } from "../domain/timeline/reminder-schedule.ts";
import { recordEvent } from "../events/record-event.ts";
import { effectContext, lockedIncident, metaFor } from "../services/support.ts";
import type { ScheduledJob } from "./scheduler.ts";

export const REMINDER_JOB = "update-reminder";

async function lastReminderOf(
  repos: Repositories,
  incidentId: number,
): Promise<ReminderState["lastReminder"]> {
  const entry = await repos.timeline.latest(incidentId, "reminder_sent");
  if (entry?.event.kind !== "reminder_sent") return null;
  const dueAt = new Date(entry.event.dueAt);
  return { dueAt: Number.isNaN(dueAt.getTime()) ? entry.occurredAt : dueAt, sentAt: entry.occurredAt };
}

async function stateOf(repos: Repositories, incident: Incident): Promise<ReminderState> {
  return {
    status: incident.status,
    severity: incident.severity,
    declaredAt: incident.createdAt,
    lastUpdateAt: incident.lastUpdateAt,
    snoozedUntil: incident.remindersSnoozedUntil,
    lastReminder: await lastReminderOf(repos, incident.id),
  };
}

/** Who is reminded: the communications lead on duty now, else the current commander. */
async function recipientOf(repos: Repositories, incidentId: number): Promise<string | null> {
  return (
    (await repos.roles.holder(incidentId, "comms")) ?? (await repos.roles.holder(incidentId, "commander"))
  );
}

export function updateRemindersJob(deps: ServiceDeps): ScheduledJob {
  const cadence = deps.config.incidents.reminderCadence;
  const { read } = deps.store;

  // Every open incident's state in one statement: a tick's cost must not grow by queries per
  // open incident (src/db/queries/reminder-states.ts). A due reminder is decided again under
  // the incident's lock (remind).
  async function dueTimes(): Promise<{ incidentId: number; due: Date }[]> {
    const dues = (await read.incidents.reminderStates()).map(({ incidentId, state }) => ({
      incidentId,
      due: nextReminderDue(state, cadence),
    }));
    return dues.filter((d): d is { incidentId: number; due: Date } => d.due !== null);
  }

  async function remind(incidentId: number, dueAt: Date, now: Date): Promise<number> {
    const sent = await deps.store.runOnce(
      { job: REMINDER_JOB, subject: String(incidentId), dueAt, now, holder: deps.instanceId },
      async (repos) => {
        const incident = await lockedIncident(repos, incidentId);
        // Decided again under the lock: an update, a snooze or a resolution since we looked
        // means this reminder is no longer due.
        const state = await stateOf(repos, incident);
        const due = nextReminderDue(state, cadence);
        if (!due || due.getTime() !== dueAt.getTime() || due > now) return 0;
        const toUserId = await recipientOf(repos, incident.id);
        if (!toUserId) return 0;
        await recordEvent(
          repos,
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
      for (const { incidentId, due } of await dueTimes()) {
        if (due <= now) sent += await remind(incidentId, due, now);
      }
      return sent;
    },
  };
}
