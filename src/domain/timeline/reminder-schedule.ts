// When the next "no status update" reminder of an incident is due. Pure: the scheduler job
// reads the incident, its last reminder and the cadence, and asks this function. The answer
// is an exact instant, so a simulated clock stops there and a real one fires at the next tick.
//
// Rules
// - Open incidents only (investigating, identified, monitoring); SEV levels whose cadence is
//   off never remind.
// - The clock starts at the later of the declaration and the latest status update: the first
//   reminder is due one cadence after it.
// - After a reminder, the next is due one cadence after that reminder's due time. A reminder
//   sent late (the bot was down) is sent once, and the next one lands on the first cadence step
//   after it was sent, so a restart never fires a burst of catch-up reminders.
// - A snooze that has not been "used" by a reminder yet moves the next reminder to the snooze's
//   end, or later if an update since then pushes it further: never before the snooze ends.
import { isOpen } from "../incident/status.ts";

export interface ReminderState {
  status: string;
  severity: number;
  declaredAt: Date;
  lastUpdateAt: Date | null;
  snoozedUntil: Date | null;
  /** The latest reminder sent for this incident, if any. */
  lastReminder: { dueAt: Date; sentAt: Date } | null;
}

/** Milliseconds between reminders per severity (null: never). */
export type Cadence = Record<number, number | null | undefined>;

export function reminderBase(state: Pick<ReminderState, "declaredAt" | "lastUpdateAt">): Date {
  const { declaredAt, lastUpdateAt } = state;
  return lastUpdateAt && lastUpdateAt > declaredAt ? lastUpdateAt : declaredAt;
}

export function nextReminderDue(state: ReminderState, cadence: Cadence): Date | null {
  if (!isOpen(state.status)) return null;
  const every = cadence[state.severity];
  if (!every || every <= 0) return null;
  const base = reminderBase(state).getTime();
  let due = base + every;
  const last = state.lastReminder;
  if (last && last.dueAt.getTime() >= base) {
    // The first step of the chain strictly after the reminder was actually sent.
    const lateBy = Math.max(0, last.sentAt.getTime() - last.dueAt.getTime());
    due = last.dueAt.getTime() + every * (Math.floor(lateBy / every) + 1);
  }
  const snooze = state.snoozedUntil?.getTime();
  const snoozePending = snooze !== undefined && (!last || snooze > last.dueAt.getTime());
  if (snoozePending) due = Math.max(snooze, base + every);
  return new Date(due);
}
