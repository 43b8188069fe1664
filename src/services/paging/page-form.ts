// Who may open and submit the *Page someone* form: someone in the incident's channel, while
// the incident is open. Gives the form what it lists (the configured pager teams).
import type { ServiceDeps } from "../../deps.ts";
import { badInput, notFound } from "../../domain/errors.ts";
import { assertIncidentActive } from "../../domain/incident/assert-open.ts";
import type { Incident } from "../../domain/incident/incident.ts";
import { configuredPagers } from "../../domain/paging/pagers.ts";
import { assertInIncidentChannel } from "../timeline/channel-membership.ts";
import { NO_PAGERS_MESSAGE } from "./page-someone.ts";

export async function preparePageForm(
  deps: ServiceDeps,
  input: { incidentId: number; actorId: string },
): Promise<{ incident: Incident; teams: string[] }> {
  if (!configuredPagers(deps.config.paging).length) throw badInput(NO_PAGERS_MESSAGE);
  const incident = await deps.store.read.incidents.byId(input.incidentId);
  if (!incident) throw notFound("That incident no longer exists.");
  assertIncidentActive(incident, "nobody needs paging for it.");
  await assertInIncidentChannel(deps, incident, input.actorId, "page someone for it");
  return { incident, teams: deps.config.paging.targets.teams.map((t) => t.name) };
}
