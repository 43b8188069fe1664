// Reloads reach every replica: `/incident rotations reload` reloads the process that got the
// command and bumps a counter in the database; the others see the counter move at their next
// scheduled run and read the file again (all replicas read the same file).
import type { ServiceDeps } from "../../deps.ts";

export const ROTATIONS_COUNTER = "rotations-reload";

/** Records a successful reload; returns the new generation. */
export async function bumpRotationsGeneration(deps: ServiceDeps): Promise<number> {
  return deps.store.read.counters.next(ROTATIONS_COUNTER);
}

/** Reloads this process's rotations when another replica has reloaded since. */
export async function syncRotations(deps: ServiceDeps): Promise<void> {
  const registry = deps.rotations;
  if (!registry.configured) return;
  const generation = await deps.store.read.counters.current(ROTATIONS_COUNTER);
  if (generation <= registry.generation) return;
  const result = await registry.reload(deps.clock.now());
  registry.generation = generation;
  if (!result.ok) {
    deps.logger.error(
      { problems: result.problems },
      "another replica reloaded the rotations, but this one cannot read the file; keeping the rotations it had",
    );
  } else {
    deps.logger.info({ rotations: result.rotations }, "rotations reloaded (another replica asked)");
  }
}

/** At start-up the file was just read: it is as new as the last reload any replica made. */
export async function adoptRotationsGeneration(
  deps: Pick<ServiceDeps, "store" | "rotations">,
): Promise<void> {
  deps.rotations.generation = await deps.store.read.counters.current(ROTATIONS_COUNTER);
}
