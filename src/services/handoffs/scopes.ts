// The places a handoff happens: an incident (its commander) or a workstream (its lead), and
// which of them are attached to a rotation and still active.
import type { Db, Tx } from "../../db/client.ts";
import type { Incident, Workstream } from "../../db/models.ts";
import { OPEN_STATUSES } from "../../domain/incident/status.ts";
import type { RotatingRole } from "../../domain/rotation/types.ts";
import type { Scope } from "../../outbox/intents.ts";

export interface HandoffScope {
  incident: Incident;
  workstream: Workstream | null;
}

export interface AttachedScope extends HandoffScope {
  rotation: string;
}

export const roleOf = (scope: HandoffScope): RotatingRole =>
  scope.workstream ? { role: "lead", workstream: scope.workstream.name } : { role: "commander" };

export const scopeKey = (scope: HandoffScope): string =>
  scope.workstream ? `workstream:${scope.workstream.id}` : `incident:${scope.incident.id}`;

export const outboxScope = (scope: HandoffScope): Scope =>
  scope.workstream ? { workstreamId: scope.workstream.id } : { incidentId: scope.incident.id };

/** Who holds the scope's rotating role now (from the role history). */
export async function currentHolder(db: Db | Tx, scope: HandoffScope): Promise<string | null> {
  const row = await db.roleAssignment.findFirst({
    where: {
      incidentId: scope.incident.id,
      workstreamId: scope.workstream?.id ?? null,
      role: scope.workstream ? "lead" : "commander",
      endedAt: null,
    },
    orderBy: { startedAt: "desc" },
  });
  return row?.userId ?? null;
}

/** Active incidents and workstreams attached to a rotation (handoffs stop once resolved). */
export async function attachedScopes(db: Db): Promise<AttachedScope[]> {
  const active = { in: [...OPEN_STATUSES] };
  const incidents = await db.incident.findMany({ where: { status: active }, orderBy: { id: "asc" } });
  if (!incidents.length) return [];
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const workstreams = await db.workstream.findMany({
    where: { rotation: { not: null }, incidentId: { in: [...byId.keys()] } },
    orderBy: { id: "asc" },
  });
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
export async function attachedSince(db: Db, scopes: HandoffScope[]): Promise<Map<string, Date>> {
  const incidentIds = [...new Set(scopes.map((s) => s.incident.id))];
  const since = new Map<string, Date>();
  if (!incidentIds.length) return since;
  const entries = await db.timelineEntry.findMany({
    where: { incidentId: { in: incidentIds }, kind: "rotation_attached" },
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    select: { incidentId: true, data: true, occurredAt: true },
  });
  for (const entry of entries) {
    const data = (entry.data ?? {}) as { workstreamId?: number | null };
    const key = data.workstreamId ? `workstream:${data.workstreamId}` : `incident:${entry.incidentId}`;
    since.set(key, entry.occurredAt);
  }
  return since;
}

export async function loadScope(db: Db | Tx, incidentId: number, workstreamId: number | null) {
  const incident = await db.incident.findUnique({ where: { id: incidentId } });
  const workstream = workstreamId ? await db.workstream.findUnique({ where: { id: workstreamId } }) : null;
  return incident ? { incident, workstream } : null;
}
