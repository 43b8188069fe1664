// `/incident close` opens a form; refuse before it opens (not resolved, not allowed, already
// closed) so nobody writes three statements for nothing. The submission checks again.
import type { Incident } from "../../db/models.ts";
import { findIncidentById } from "../../db/queries/incident-by-id.ts";
import type { Deps } from "../../deps.ts";
import { notFound } from "../../domain/errors.ts";
import { assertClosable } from "./close-incident.ts";

export async function prepareCloseForm(
  deps: Deps,
  input: { incidentId: number; actorId: string },
): Promise<Incident> {
  const incident = await findIncidentById(deps.database.db, input.incidentId);
  if (!incident) throw notFound("That incident no longer exists.");
  await assertClosable(deps, deps.database.db, incident, input.actorId);
  return incident;
}
