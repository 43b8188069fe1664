// `/incident close` opens a form; refuse before it opens (not resolved, not allowed, already
// closed) so nobody writes three statements for nothing. The submission checks again.
import type { ServiceDeps } from "../../deps.ts";
import { notFound } from "../../domain/errors.ts";
import type { Incident } from "../../domain/incident/incident.ts";
import { assertClosable } from "./close-incident.ts";

export async function prepareCloseForm(
  deps: ServiceDeps,
  input: { incidentId: number; actorId: string },
): Promise<Incident> {
  const incident = await deps.store.read.incidents.byId(input.incidentId);
  if (!incident) throw notFound("That incident no longer exists.");
  await assertClosable(deps, deps.store.read, incident, input.actorId);
  return incident;
}
