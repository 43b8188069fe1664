// Making an incident public on the status page: `/incident publish`, or the first
// `update --public` (either only by the commander, the comms lead or an admin: permissions.ts). Publishing shows only its title, its recovery board's states and its
// public updates; a private incident never goes there.

import type { Repositories } from "../../db/repositories/store.ts";
import type { ServiceDeps } from "../../deps.ts";
import { invalidState } from "../../domain/errors.ts";
import type { Incident } from "../../domain/incident/incident.ts";
import { recordEvent } from "../../events/record-event.ts";
import { assertMaySpeakPublicly, isIncidentAdmin } from "../permissions.ts";
import type { IncidentPublished } from "../results.ts";
import { effectContext, lockedIncident, metaFor, runChange } from "../support.ts";

/** A private incident stays off the status page, whatever is asked. */
export function assertMayPublish(incident: Incident, asked: string): void {
  if (incident.isPrivate)
    throw invalidState(
      `INC-${incident.number} is private: it never appears on the public status page, so ${asked} is refused. Use a plain \`/incident update\` for the people in this channel.`,
    );
}

/** Publishes `incident` inside the caller's transaction unless it already is; the new state. */
export async function publishInChange(
  deps: ServiceDeps,
  repos: Repositories,
  incident: Incident,
  actorId: string,
  via: "command" | "public_update",
): Promise<Incident> {
  if (incident.publishedAt) return incident;
  const meta = metaFor(deps, actorId, { occurredAt: deps.clock.now() });
  const recorded = await recordEvent(repos, incident, { kind: "incident_published", via }, meta, {
    context: effectContext(deps),
  });
  return recorded.incident;
}

export interface PublishIncidentInput {
  incidentId: number;
  actorId: string;
  requestKey: string;
}

export async function publishIncident(
  deps: ServiceDeps,
  input: PublishIncidentInput,
): Promise<IncidentPublished> {
  const isAdmin = await isIncidentAdmin(deps, input.actorId);
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, input.incidentId);
    assertMayPublish(incident, "`/incident publish`");
    await assertMaySpeakPublicly(
      repos,
      incident,
      { id: input.actorId, isAdmin },
      "put an incident on the public status page",
    );
    const already = incident.publishedAt !== null;
    const published = await publishInChange(deps, repos, incident, input.actorId, "command");
    return {
      kind: "incident_published",
      number: incident.number,
      already,
      publishedAt: (published.publishedAt ?? deps.clock.now()).toISOString(),
    };
  });
}
