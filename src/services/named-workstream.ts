// Commands that name a workstream (`/incident workstream eu1 lead @kim`, `--workstream eu1`):
// resolved by requireNamedWorkstream (services/workstreams.ts), then one use case.
import type { ServiceDeps } from "../deps.ts";
import type { SettableStatus } from "../domain/incident/status.ts";
import { assignRole } from "./assign-role.ts";
import { changeStatus } from "./change-status.ts";
import type { RoleAssigned, StatusChanged, WorkstreamStatusChanged } from "./results.ts";
import { requireNamedWorkstream } from "./workstreams.ts";

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
  const workstream = await requireNamedWorkstream(deps.store.read.workstreams, input.incidentId, input.name);
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
  const workstream = await requireNamedWorkstream(deps.store.read.workstreams, input.incidentId, input.name);
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
