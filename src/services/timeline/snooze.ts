// Snoozing update reminders from a reminder's button: no reminder before the snooze ends.
import type { ServiceDeps } from "../../deps.ts";
import { invalidState } from "../../domain/errors.ts";
import { isOpen } from "../../domain/incident/status.ts";
import { recordEvent } from "../../events/record-event.ts";
import type { RemindersSnoozed } from "../results.ts";
import { effectContext, lockedIncident, metaFor, runChange } from "../support.ts";

export async function snoozeReminders(
  deps: ServiceDeps,
  input: {
    incidentId: number;
    minutes: number;
    actorId: string;
    /** The reminder message the button was on (the snooze is acknowledged in its thread). */
    source: { channelId: string; ts: string } | null;
    requestKey: string;
  },
): Promise<RemindersSnoozed> {
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, input.incidentId);
    if (!isOpen(incident.status))
      throw invalidState(`This incident is ${incident.status}; no update reminders are due.`);
    const until = new Date(deps.clock.now().getTime() + input.minutes * 60_000);
    await recordEvent(
      repos,
      incident,
      { kind: "reminder_snoozed", until: until.toISOString(), minutes: input.minutes },
      metaFor(deps, input.actorId, input.source ? { source: input.source } : {}),
      { context: effectContext(deps) },
    );
    return { kind: "reminders_snoozed", until: until.toISOString(), minutes: input.minutes };
  });
}
