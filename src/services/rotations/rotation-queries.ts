// What the rotation verbs answer: who is on shift (`/incident shifts`), which rotations there
// are (`/incident rotations`), and reloading the file (`/incident rotations reload`, admins).
import type { ServiceDeps } from "../../deps.ts";
import { forbidden } from "../../domain/errors.ts";
import { weekWarnings } from "../../domain/rotation/coverage.ts";
import type { Rotation } from "../../domain/rotation/types.ts";
import { scopeOfChannel } from "../incident-scope.ts";
import { isIncidentAdmin } from "../permissions.ts";
import { type ShiftsOverview, shiftsOverview } from "./shifts-overview.ts";
import { bumpRotationsGeneration } from "./sync-rotations.ts";

/** `/incident shifts`: the rotations of this channel's incident (or the one named, or all). */
export async function showShifts(
  deps: ServiceDeps,
  input: { rotation: string | null; channelId: string; viewerId: string },
): Promise<ShiftsOverview & { viewerZone: string }> {
  const scope = input.rotation ? null : await scopeOfChannel(deps.store.read, input.channelId);
  const overview = await shiftsOverview(deps, { rotation: input.rotation, scope });
  const viewer = await deps.directory.user(input.viewerId);
  return { ...overview, viewerZone: viewer.tz || "UTC" };
}

export interface RotationsList {
  configured: boolean;
  rotations: Rotation[];
  /** Coverage problems in the coming week. */
  warnings: string[];
}

export function listRotations(deps: ServiceDeps): RotationsList {
  const rotations = deps.rotations.list();
  return {
    configured: deps.rotations.configured,
    rotations,
    warnings: weekWarnings(rotations, deps.clock.now()),
  };
}

export type RotationsReload =
  | { kind: "rotations_reloaded"; rotations: string[]; warnings: string[] }
  | { kind: "rotations_reload_refused"; problems: string[]; kept: number };

/** Reads the rotations file again; a file with problems changes nothing. */
export async function reloadRotations(deps: ServiceDeps, actorId: string): Promise<RotationsReload> {
  if (!(await isIncidentAdmin(deps, actorId)))
    throw forbidden("Only incident admins (INCIDENT_ADMINS) can reload the rotations file.");
  const registry = deps.rotations;
  const result = await registry.reload(deps.clock.now());
  if (!result.ok) {
    deps.logger.warn({ problems: result.problems }, "rotations reload refused: the file has problems");
    return { kind: "rotations_reload_refused", problems: result.problems, kept: result.rotations.length };
  }
  registry.generation = await bumpRotationsGeneration(deps);
  deps.logger.info({ rotations: result.rotations, by: actorId }, "rotations reloaded");
  return { kind: "rotations_reloaded", rotations: result.rotations, warnings: result.warnings };
}
