// What `/incident shifts` shows: the rotations followed by this incident and its workstreams
// (or the one named, or all), who is on now and who is next.
import type { ServiceDeps } from "../../deps.ts";
import { weekWarnings } from "../../domain/rotation/coverage.ts";
import { nowAndNext, type Team } from "../../domain/rotation/duty.ts";
import type { Rotation } from "../../domain/rotation/types.ts";
import { escapeMrkdwn } from "../../domain/text/mrkdwn.ts";
import type { IncidentScope } from "../incident-scope.ts";
import { requireRotation } from "./attach-rotation.ts";

export interface RotationOnDuty {
  rotation: Rotation;
  now: Team;
  next: Team;
  /** What follows this rotation here ("command of INC-12", "lead of `us1`"). */
  attachedTo: string[];
  warnings: number;
}

export interface ShiftsOverview {
  rotations: RotationOnDuty[];
  /** Something to say first (nothing attached here, a rotation gone from the file). */
  hint: string | null;
}

export async function shiftsOverview(
  deps: ServiceDeps,
  input: { rotation: string | null; scope: IncidentScope | null },
): Promise<ShiftsOverview> {
  const now = deps.clock.now();
  const attached = new Map<string, string[]>();
  let chosen: Rotation[];
  let hint: string | null = null;
  if (input.rotation) {
    chosen = [requireRotation(deps, input.rotation)];
  } else if (input.scope) {
    const { incident } = input.scope;
    if (incident.rotation) attached.set(incident.rotation, [`command of INC-${incident.number}`]);
    for (const w of await deps.store.read.workstreams.withRotationOf(incident.id)) {
      if (!w.rotation) continue;
      attached.set(w.rotation, [...(attached.get(w.rotation) ?? []), `lead of \`${escapeMrkdwn(w.name)}\``]);
    }
    chosen = [...attached.keys()].flatMap((name) => {
      const rotation = deps.rotations.get(name);
      return rotation ? [rotation] : [];
    });
    const missing = [...attached.keys()].filter((name) => !deps.rotations.get(name));
    if (missing.length)
      hint = `Rotation(s) ${missing.map((m) => `\`${escapeMrkdwn(m)}\``).join(", ")} are attached here but no longer in the rotations file.`;
    if (!attached.size) {
      hint = `INC-${incident.number} follows no rotation yet: \`/incident rotation <name>\` attaches one${
        deps.rotations.names().length
          ? ` (${deps.rotations
              .names()
              .map((n) => `\`${n}\``)
              .join(", ")})`
          : ""
      }.`;
      chosen = deps.rotations.list();
    }
  } else {
    chosen = deps.rotations.list();
  }
  if (!chosen.length && !hint) {
    hint = deps.rotations.configured
      ? "The rotations file lists no rotations."
      : "No rotations are configured: set ROTATIONS_FILE to a rotations file (see README, Rotations and handoffs).";
  }
  const rotations = chosen.map((rotation) => {
    const { now: on, next } = nowAndNext(rotation, now);
    return {
      rotation,
      now: on,
      next,
      attachedTo: attached.get(rotation.name) ?? [],
      warnings: weekWarnings([rotation], now).length,
    };
  });
  return { rotations, hint };
}
