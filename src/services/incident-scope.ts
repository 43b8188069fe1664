// Which incident (and workstream) a command acts on: the channel it was typed in, or the ids
// a button or a handoff carries.
import type { Repositories } from "../db/repositories/store.ts";
import type { ServiceDeps } from "../deps.ts";
import { DomainError } from "../domain/errors.ts";
import type { IncidentScope } from "../domain/incident/workstream.ts";

export type { IncidentScope };

export async function scopeOfChannel(repos: Repositories, channelId: string): Promise<IncidentScope | null> {
  const incident = await repos.incidents.byChannel(channelId);
  if (incident) return { incident, workstream: null };
  const workstream = await repos.workstreams.byChannel(channelId);
  if (!workstream) return null;
  const parent = await repos.incidents.byId(workstream.incidentId);
  return parent ? { incident: parent, workstream } : null;
}

export async function loadScope(
  repos: Repositories,
  incidentId: number,
  workstreamId: number | null,
): Promise<IncidentScope | null> {
  const [incident, workstream] = await Promise.all([
    repos.incidents.byId(incidentId),
    workstreamId ? repos.workstreams.byId(workstreamId) : null,
  ]);
  return incident ? { incident, workstream } : null;
}

/** Who holds the scope's leading role now: the incident's commander, or the workstream's lead. */
export function leaderOf(repos: Repositories, scope: IncidentScope): Promise<string | null> {
  return scope.workstream
    ? repos.roles.holder(scope.incident.id, "lead", scope.workstream.id)
    : repos.roles.holder(scope.incident.id, "commander");
}

/** The scope of the channel a command was typed in, or a refusal saying where to type it. */
export async function requireScopeOfChannel(
  deps: ServiceDeps,
  channelId: string,
  verb: string,
): Promise<IncidentScope> {
  const scope = await scopeOfChannel(deps.store.read, channelId);
  if (!scope) throw notInIncident(verb);
  return scope;
}

/** Which incident (and workstream) a channel belongs to, by id. */
export interface ChannelScopeIds {
  incidentId: number;
  workstreamId: number | null;
}

/**
 * Channels already resolved, per store. A channel's incident or workstream never changes once
 * set (the channel is stored once, when it is created, and incidents are never deleted), so a
 * found answer stays true for the life of the process, on every replica. This takes a lookup —
 * on SQLite a transaction of its own, queued behind every command in flight — off the path of
 * every command typed in a known channel. A miss is never remembered: the channel may get its
 * incident a moment later. Bounded: a process that has seen more channels starts over.
 */
const knownChannels = new WeakMap<object, Map<string, ChannelScopeIds>>();
const KNOWN_CHANNELS_LIMIT = 10_000;

/** The ids of the channel's scope (remembered), or a refusal saying where to type the verb. */
export async function requireChannelScopeIds(
  deps: ServiceDeps,
  channelId: string,
  verb: string,
): Promise<{ ids: ChannelScopeIds; scope: IncidentScope | null }> {
  let known = knownChannels.get(deps.store);
  if (!known) {
    known = new Map();
    knownChannels.set(deps.store, known);
  }
  const remembered = known.get(channelId);
  if (remembered) return { ids: remembered, scope: null };
  const scope = await requireScopeOfChannel(deps, channelId, verb);
  const ids = { incidentId: scope.incident.id, workstreamId: scope.workstream?.id ?? null };
  if (known.size >= KNOWN_CHANNELS_LIMIT) known.clear();
  known.set(channelId, ids);
  return { ids, scope };
}

export function notInIncident(verb: string): DomainError {
  return new DomainError(
    "not_in_incident",
    `\`/incident ${verb}\` acts on an incident, so type it in the incident's channel (or one of its workstream channels). \`/incident list\` shows the open incidents.`,
  );
}
