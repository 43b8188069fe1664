// Opening a handoff, scheduled or by hand: the Handoff row, the timeline entry and the
// message in the channel, in the caller's transaction. A pending handoff of the same role is
// superseded by the new one (its buttons disappear; the new message is the one to use).
import type { Repositories } from "../../db/repositories/store.ts";
import type { ServiceDeps } from "../../deps.ts";
import type { Handoff } from "../../domain/handoff/handoff.ts";
import { acceptDeadline } from "../../domain/handoff/state.ts";
import { recordEvent } from "../../events/record-event.ts";
import { effectContext, metaFor, sendLater } from "../support.ts";
import { type HandoffScope, outboxScope } from "./scopes.ts";

export interface OpenHandoff {
  scope: HandoffScope;
  rotation: string | null;
  boundaryAt: Date | null;
  fromUserId: string | null;
  toUserId: string;
  manual: boolean;
  /** Who asked (manual handoffs); null for the scheduler. */
  actorId: string | null;
  acceptWithinMs: number;
  /** Unique per (scope, boundary) or per manual request. */
  dedupeKey: string;
}

export async function openHandoff(
  deps: ServiceDeps,
  repos: Repositories,
  input: OpenHandoff,
): Promise<Handoff> {
  const now = deps.clock.now();
  const { incident, workstream } = input.scope;
  const role = workstream ? "lead" : "commander";
  const acceptBy = acceptDeadline(input.boundaryAt, now, input.acceptWithinMs);

  const older = await repos.handoffs.pendingIds(incident.id, workstream?.id ?? null, role);
  if (older.length) {
    await repos.handoffs.end(older, "superseded");
    for (const id of older)
      await sendLater(deps, repos, { kind: "handoff.card", scope: outboxScope(input.scope), handoffId: id });
  }

  const handoff = await repos.handoffs.create({
    incidentId: incident.id,
    workstreamId: workstream?.id ?? null,
    role,
    rotation: input.rotation,
    boundaryAt: input.boundaryAt,
    dedupeKey: input.dedupeKey,
    fromUserId: input.fromUserId,
    toUserId: input.toUserId,
    promptedAt: now,
    acceptBy,
    createdById: input.actorId,
  });
  await recordEvent(
    repos,
    incident,
    {
      kind: "handoff_prompted",
      handoffId: handoff.id,
      rotation: input.rotation,
      role,
      workstreamId: workstream?.id ?? null,
      workstream: workstream?.name ?? null,
      boundaryAt: input.boundaryAt?.toISOString() ?? null,
      fromUserId: input.fromUserId,
      toUserId: input.toUserId,
      manual: input.manual,
    },
    metaFor(deps, input.actorId, { workstreamId: workstream?.id ?? null }),
    { context: effectContext(deps) },
  );
  return handoff;
}
