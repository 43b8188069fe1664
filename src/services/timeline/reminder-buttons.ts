// The buttons on an update reminder: "Post update" (opens a form) and "Snooze". Anyone in the
// incident channel may use them; the check reads Slack before any transaction opens.

import type { ServiceDeps } from "../../deps.ts";
import { notFound } from "../../domain/errors.ts";
import { assertIncidentOpen } from "../../domain/incident/assert-open.ts";
import type { Incident } from "../../domain/incident/incident.ts";
import type { RemindersSnoozed } from "../results.ts";
import { assertInIncidentChannel, isChannelMember } from "./channel-membership.ts";
import { snoozeReminders } from "./snooze.ts";

async function requireIncident(deps: ServiceDeps, incidentId: number): Promise<Incident> {
  const incident = await deps.store.read.incidents.byId(incidentId);
  if (!incident) throw notFound("That incident no longer exists.");
  return incident;
}

/** The incident whose update form may open for this person. */
export async function prepareUpdateForm(
  deps: ServiceDeps,
  input: { incidentId: number; actorId: string; workstreamId?: number | null },
): Promise<Incident> {
  const incident = await requireIncident(deps, input.incidentId);
  assertIncidentOpen(incident);
  // A workstream's update (from its own summary's controls) may come from anyone in that
  // workstream's channel, as `/incident update` typed there does; otherwise the incident's.
  if (await inWorkstreamChannel(deps, input.workstreamId ?? null, input.actorId)) return incident;
  await assertInIncidentChannel(deps, incident, input.actorId, "post its status updates");
  return incident;
}

async function inWorkstreamChannel(deps: ServiceDeps, workstreamId: number | null, userId: string) {
  if (!workstreamId) return false;
  const workstream = await deps.store.read.workstreams.byId(workstreamId);
  if (!workstream?.channelId) return false;
  // Slack not answering here is not a refusal: the incident channel's check decides then.
  return isChannelMember(deps, workstream.channelId, userId).catch(() => false);
}

export async function snoozeFromReminder(
  deps: ServiceDeps,
  input: Parameters<typeof snoozeReminders>[1],
): Promise<RemindersSnoozed> {
  const incident = await requireIncident(deps, input.incidentId);
  await assertInIncidentChannel(deps, incident, input.actorId, "snooze its update reminders");
  return snoozeReminders(deps, input);
}
