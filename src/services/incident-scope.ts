// Which incident (and workstream) a command acts on: the channel it was typed in.
import type { Db } from "../db/client.ts";
import type { Incident, Workstream } from "../db/models.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../domain/errors.ts";

export interface IncidentScope {
  incident: Incident;
  workstream: Workstream | null;
}

export async function scopeOfChannel(db: Db, channelId: string): Promise<IncidentScope | null> {
  const incident = await db.incident.findUnique({ where: { channelId } });
  if (incident) return { incident, workstream: null };
  const workstream = await db.workstream.findUnique({ where: { channelId } });
  if (!workstream) return null;
  const parent = await db.incident.findUnique({ where: { id: workstream.incidentId } });
  return parent ? { incident: parent, workstream } : null;
}

/** The scope of the channel a command was typed in, or a refusal saying where to type it. */
export async function requireScopeOfChannel(
  deps: Deps,
  channelId: string,
  verb: string,
): Promise<IncidentScope> {
  const scope = await scopeOfChannel(deps.database.db, channelId);
  if (!scope) throw notInIncident(verb);
  return scope;
}

export function notInIncident(verb: string): DomainError {
  return new DomainError(
    "not_in_incident",
    `\`/incident ${verb}\` acts on an incident, so type it in the incident's channel (or one of its workstream channels). \`/incident list\` shows the open incidents.`,
  );
}
