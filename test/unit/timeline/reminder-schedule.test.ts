// When update reminders fall due: exact instants, from the latest update, once per cadence,
// no catch-up burst after downtime, snoozes honoured, never for resolved incidents.
import { describe, expect, it } from "vitest";
import { nextReminderDue, type ReminderState } from "../../../src/domain/timeline/reminder-schedule.ts";

const MIN = 60_000;
const cadence = { 1: 30 * MIN, 2: 60 * MIN, 3: 240 * MIN, 4: null };
const T0 = new Date("2026-03-08T06:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * MIN);

function state(overrides: Partial<ReminderState> = {}): ReminderState {
  return {
    status: "investigating",
    severity: 1,
    declaredAt: T0,
    lastUpdateAt: null,
    snoozedUntil: null,
    lastReminder: null,
    ...overrides,
  };
}

describe("nextReminderDue", () => {
  it("is one cadence after the declaration when no update was ever posted", () => {
    expect(nextReminderDue(state(), cadence)).toEqual(at(30));
    expect(nextReminderDue(state({ severity: 2 }), cadence)).toEqual(at(60));
    expect(nextReminderDue(state({ severity: 3 }), cadence)).toEqual(at(240));
  });

  it("is one cadence after the latest update", () => {
    expect(nextReminderDue(state({ lastUpdateAt: at(20) }), cadence)).toEqual(at(50));
  });

  it("after a reminder, is one cadence after that reminder's due time", () => {
    const lastReminder = { dueAt: at(30), sentAt: at(30) };
    expect(nextReminderDue(state({ lastReminder }), cadence)).toEqual(at(60));
  });

  it("after a late reminder (bot was down), lands on the next step after it was sent: no burst", () => {
    const lastReminder = { dueAt: at(30), sentAt: at(125) };
    expect(nextReminderDue(state({ lastReminder }), cadence)).toEqual(at(150));
  });

  it("forgets reminders sent before the latest update", () => {
    const lastReminder = { dueAt: at(30), sentAt: at(30) };
    expect(nextReminderDue(state({ lastReminder, lastUpdateAt: at(40) }), cadence)).toEqual(at(70));
  });

  it("waits for a pending snooze, even when the cadence would remind earlier", () => {
    const lastReminder = { dueAt: at(30), sentAt: at(30) };
    expect(nextReminderDue(state({ lastReminder, snoozedUntil: at(46) }), cadence)).toEqual(at(46));
    expect(nextReminderDue(state({ lastReminder, snoozedUntil: at(91) }), cadence)).toEqual(at(91));
  });

  it("never reminds before the snooze ends, and later if an update since pushes it further", () => {
    const lastReminder = { dueAt: at(30), sentAt: at(30) };
    expect(
      nextReminderDue(state({ lastReminder, snoozedUntil: at(60), lastUpdateAt: at(50) }), cadence),
    ).toEqual(at(80));
  });

  it("goes back to the cadence once the snooze has been used by a reminder", () => {
    const lastReminder = { dueAt: at(46), sentAt: at(46) };
    expect(nextReminderDue(state({ lastReminder, snoozedUntil: at(46) }), cadence)).toEqual(at(76));
  });

  it("never reminds for resolved or closed incidents, or severities without a cadence", () => {
    expect(nextReminderDue(state({ status: "resolved" }), cadence)).toBeNull();
    expect(nextReminderDue(state({ status: "closed" }), cadence)).toBeNull();
    expect(nextReminderDue(state({ severity: 4 }), cadence)).toBeNull();
    expect(nextReminderDue(state({ status: "monitoring" }), cadence)).toEqual(at(30));
  });
});
