// The buttons on an update reminder: "Post update" (opens a form) and "Snooze". Anyone in the
// incident channel may use them; the check reads Slack before any transaction opens.

import type { Incident } from "../../db/models.ts";
import { findIncidentById } from "../../db/queries/incident-by-id.ts";
import type { Deps } from "../../deps.ts";
import { notFound } from "../../domain/errors.ts";
import { assertIncidentOpen } from "../../domain/incident/assert-open.ts";
import type { RemindersSnoozed } from "../results.ts";
import { assertInIncidentChannel } from "./channel-membership.ts";
import { snoozeReminders } from "./snooze.ts";

async function requireIncident(deps: Deps, incidentId: number): Promise<Incident> {
  const incident = await findIncidentById(deps.database.db, incidentId);
  if (!incident) throw notFound("That incident no longer exists.");
  return incident;
}

/** The incident whose update form may open for this person. */
export async function prepareUpdateForm(
  deps: Deps,
  input: { incidentId: number; actorId: string },
): Promise<Incident> {
  const incident = await requireIncident(deps, input.incidentId);
  assertIncidentOpen(incident);
  await assertInIncidentChannel(deps, incident, input.actorId, "post its status updates");
  return incident;
}

export async function snoozeFromReminder(
  deps: Deps,
  input: Parameters<typeof snoozeReminders>[1],
): Promise<RemindersSnoozed> {
  const incident = await requireIncident(deps, input.incidentId);
  await assertInIncidentChannel(deps, incident, input.actorId, "snooze its update reminders");
  return snoozeReminders(deps, input);
}
