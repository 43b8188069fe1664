// Opening a handoff, scheduled or by hand: the Handoff row, the timeline entry and the
// message in the channel, in the caller's transaction. A pending handoff of the same role is
// superseded by the new one (its buttons disappear; the new message is the one to use).
import type { Tx } from "../../db/client.ts";
import type { Handoff } from "../../db/models.ts";
import type { Deps } from "../../deps.ts";
import { acceptDeadline, PENDING_STATES } from "../../domain/handoff/state.ts";
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

export async function openHandoff(deps: Deps, tx: Tx, input: OpenHandoff): Promise<Handoff> {
  const now = deps.clock.now();
  const { incident, workstream } = input.scope;
  const role = workstream ? "lead" : "commander";
  const acceptBy = acceptDeadline(input.boundaryAt, now, input.acceptWithinMs);

  const older = await tx.handoff.findMany({
    where: {
      incidentId: incident.id,
      workstreamId: workstream?.id ?? null,
      role,
      state: { in: [...PENDING_STATES] },
    },
    select: { id: true },
  });
  if (older.length) {
    await tx.handoff.updateMany({
      where: { id: { in: older.map((h) => h.id) } },
      data: { state: "superseded", nextEscalationAt: null },
    });
    for (const { id } of older)
      await sendLater(deps, tx, { kind: "handoff.card", scope: outboxScope(input.scope), handoffId: id });
  }

  const handoff = await tx.handoff.create({
    data: {
      incidentId: incident.id,
      workstreamId: workstream?.id ?? null,
      role,
      rotation: input.rotation,
      boundaryAt: input.boundaryAt,
      dedupeKey: input.dedupeKey,
      fromUserId: input.fromUserId,
      toUserId: input.toUserId,
      state: "prompted",
      promptedAt: now,
      acceptBy,
      nextEscalationAt: acceptBy,
      createdById: input.actorId,
    },
  });
  await recordEvent(
    tx,
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
