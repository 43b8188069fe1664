// Regional and functional workstreams: multi-level command for large incidents.

import type { WorkstreamsRepository } from "../db/repositories/workstreams.ts";
import type { ServiceDeps } from "../deps.ts";
import { badInput, invalidState, notFound } from "../domain/errors.ts";
import { assertIncidentOpen } from "../domain/incident/assert-open.ts";
import type { Workstream } from "../domain/incident/workstream.ts";
import { assertCanParent } from "../domain/incident/workstream-tree.ts";
import { recordEvent } from "../events/record-event.ts";
import type { WorkstreamAdded } from "./results.ts";
import { effectContext, lockedIncident, metaFor, runChange } from "./support.ts";

export const WORKSTREAM_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export function normaliseWorkstreamName(name: string): string {
  const value = name.trim().toLowerCase();
  if (!WORKSTREAM_NAME.test(value)) {
    throw badInput(
      "A workstream name is 1–40 characters of a-z, 0-9, `-` or `_` (e.g. `us1`, `eu1`, `ingestion`).",
    );
  }
  return value;
}

/**
 * The workstream of `incidentId` called `name` (normalised here), read through `workstreams`
 * (the store's reader, or a transaction's repository), or the one refusal when there is none.
 */
export async function requireNamedWorkstream(
  workstreams: Pick<WorkstreamsRepository, "byName">,
  incidentId: number,
  name: string,
): Promise<Workstream> {
  const normalised = normaliseWorkstreamName(name);
  const workstream = await workstreams.byName(incidentId, normalised);
  if (!workstream)
    throw notFound(`There is no workstream \`${normalised}\`. \`/incident workstreams\` lists them.`);
  return workstream;
}

export async function addWorkstream(
  deps: ServiceDeps,
  input: {
    incidentId: number;
    name: string;
    leadId: string | null;
    withChannel: boolean;
    /** The workstream it goes under (`--parent eu1`), by name. */
    parent?: string | null;
    actorId: string;
    requestKey: string;
  },
): Promise<WorkstreamAdded> {
  const name = normaliseWorkstreamName(input.name);
  const parentName = input.parent ? normaliseWorkstreamName(input.parent) : null;
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, input.incidentId);
    assertIncidentOpen(incident);
    const existing = await repos.workstreams.byName(incident.id, name);
    if (existing)
      throw invalidState(`Workstream \`${name}\` already exists. \`/incident workstreams\` lists them.`);
    let parent: Workstream | null = null;
    if (parentName) {
      parent = await repos.workstreams.byName(incident.id, parentName);
      if (!parent)
        throw notFound(
          `There is no workstream \`${parentName}\` to put \`${name}\` under: add it first (\`/incident workstream add ${parentName}\`).`,
        );
      assertCanParent(parent, await repos.workstreams.ofIncident(incident.id), name);
    }
    await recordEvent(
      repos,
      incident,
      {
        kind: "workstream_added",
        workstreamId: null,
        name,
        leadId: input.leadId,
        withChannel: input.withChannel,
        ...(parent ? { parentId: parent.id, parent: parent.name } : {}),
      },
      metaFor(deps, input.actorId),
      { context: effectContext(deps) },
    );
    return { kind: "workstream_added", name, withChannel: input.withChannel, parent: parent?.name ?? null };
  });
}
