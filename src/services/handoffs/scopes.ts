// The places a handoff happens: an incident (its commander) or a workstream (its lead), and
// which of them are attached to a rotation and still active.
import type { Repositories } from "../../db/repositories/store.ts";
import type { Incident } from "../../domain/incident/incident.ts";
import type { IncidentScope } from "../../domain/incident/workstream.ts";
import type { RotatingRole } from "../../domain/rotation/types.ts";
import type { Scope } from "../../outbox/intents.ts";

export type HandoffScope = IncidentScope;

export interface AttachedScope extends HandoffScope {
  rotation: string;
}

export const roleOf = (scope: HandoffScope): RotatingRole =>
  scope.workstream ? { role: "lead", workstream: scope.workstream.name } : { role: "commander" };

/** The key of the scope a row names: its workstream's when it has one, else its incident's. */
export const scopeKeyOf = (incidentId: number, workstreamId: number | null): string =>
  workstreamId ? `workstream:${workstreamId}` : `incident:${incidentId}`;

export const scopeKey = (scope: HandoffScope): string =>
  scopeKeyOf(scope.incident.id, scope.workstream?.id ?? null);

export const outboxScope = (scope: HandoffScope): Scope =>
  scope.workstream ? { workstreamId: scope.workstream.id } : { incidentId: scope.incident.id };

/**
 * Active incidents and workstreams attached to a rotation (handoffs stop once resolved).
 * `incidents`: the active incidents, when the caller has just read them (a scheduler tick reads
 * them once, not once per use). Workstreams of an incident not among them are left out.
 */
export async function attachedScopes(repos: Repositories, incidents?: Incident[]): Promise<AttachedScope[]> {
  incidents ??= await repos.incidents.active();
  if (!incidents.length) return [];
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const workstreams = await repos.workstreams.withRotationOfOpenIncidents();
  const scopes: AttachedScope[] = [];
  for (const incident of incidents) {
    if (incident.rotation) scopes.push({ incident, workstream: null, rotation: incident.rotation });
  }
  for (const workstream of workstreams) {
    const incident = byId.get(workstream.incidentId);
    if (incident && workstream.rotation) scopes.push({ incident, workstream, rotation: workstream.rotation });
  }
  return scopes;
}

/**
 * When each scope was (last) attached to its rotation: shift changes before that are not its
 * business, so a boundary that passed before attaching is never prompted late.
 */
export async function attachedSince(repos: Repositories, scopes: HandoffScope[]): Promise<Map<string, Date>> {
  const incidentIds = new Set(scopes.map((s) => s.incident.id));
  const since = new Map<string, Date>();
  for (const entry of await repos.timeline.ofKindInOpenIncidents("rotation_attached")) {
    if (entry.event.kind !== "rotation_attached" || !incidentIds.has(entry.incidentId)) continue;
    const { workstreamId } = entry.event;
    since.set(scopeKeyOf(entry.incidentId, workstreamId), entry.occurredAt);
  }
  return since;
}
