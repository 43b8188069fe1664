// Commands that name a workstream (`/incident workstream eu1 lead @kim`, `--workstream eu1`):
// the name is normalised and resolved once, with one refusal when there is no such workstream.
import type { ServiceDeps } from "../deps.ts";
import { notFound } from "../domain/errors.ts";
import type { SettableStatus } from "../domain/incident/status.ts";
import type { Workstream } from "../domain/incident/workstream.ts";
import { assignRole } from "./assign-role.ts";
import { changeStatus } from "./change-status.ts";
import type { RoleAssigned, StatusChanged, WorkstreamStatusChanged } from "./results.ts";
import { normaliseWorkstreamName } from "./workstreams.ts";

export async function requireNamedWorkstream(
  deps: ServiceDeps,
  incidentId: number,
  name: string,
): Promise<Workstream> {
  const normalised = normaliseWorkstreamName(name);
  const workstream = await deps.store.read.workstreams.byName(incidentId, normalised);
  if (!workstream)
    throw notFound(`There is no workstream \`${normalised}\`. \`/incident workstreams\` lists them.`);
  return workstream;
}

interface NamedWorkstreamRequest {
  incidentId: number;
  /** The workstream whose channel the command was typed in, if any. */
  workstreamId: number | null;
  name: string;
  actorId: string;
  requestKey: string;
}

/** `/incident workstream <name> lead @user`. */
export async function leadNamedWorkstream(
  deps: ServiceDeps,
  input: NamedWorkstreamRequest & { leadId: string; at?: Date | null },
): Promise<RoleAssigned> {
  const workstream = await requireNamedWorkstream(deps, input.incidentId, input.name);
  return assignRole(deps, {
    incidentId: input.incidentId,
    role: "lead",
    userId: input.leadId,
    workstreamId: workstream.id,
    contextWorkstreamId: input.workstreamId ?? workstream.id,
    actorId: input.actorId,
    requestKey: input.requestKey,
    at: input.at ?? null,
  });
}

/** `/incident workstream <name> status <status> [message]`. */
export async function changeNamedWorkstreamStatus(
  deps: ServiceDeps,
  input: NamedWorkstreamRequest & { to: SettableStatus; message: string; at?: Date | null },
): Promise<StatusChanged | WorkstreamStatusChanged> {
  const workstream = await requireNamedWorkstream(deps, input.incidentId, input.name);
  return changeStatus(deps, {
    incidentId: input.incidentId,
    workstreamId: workstream.id,
    to: input.to,
    message: input.message,
    at: input.at ?? null,
    actorId: input.actorId,
    requestKey: input.requestKey,
  });
}
