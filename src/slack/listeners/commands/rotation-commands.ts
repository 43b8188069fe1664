// Handlers of the rotation and handoff verbs.
import {
  handoffVerb,
  rotationsVerb,
  rotationVerb,
  shiftsVerb,
} from "../../../domain/command/verbs/rotation.ts";
import { startManualHandoff } from "../../../services/handoffs/manual-handoff.ts";
import type { RotationAttached, RotationPreview } from "../../../services/results.ts";
import { attachRotation } from "../../../services/rotations/attach-rotation.ts";
import { detachRotation, type RotationDetached } from "../../../services/rotations/detach-rotation.ts";
import { listRotations, reloadRotations, showShifts } from "../../../services/rotations/rotation-queries.ts";
import { renderResult } from "../../views/replies/index.ts";
import { rotationDetachedReply } from "../../views/replies/rotation-detached-reply.ts";
import { rotationsListView, rotationsReloadView, shiftsReply } from "../../views/rotations-view.ts";
import { defineCommand } from "./command.ts";
import { defineIncidentCommand } from "./scope.ts";

export const rotationCommand = defineIncidentCommand({
  verb: rotationVerb,
  run: async (
    { workstreamId: _, ...request },
    args,
    { deps, scope },
  ): Promise<RotationAttached | RotationPreview | RotationDetached> => {
    const workstream = args.workstream ?? (await scope()).workstream?.name ?? null;
    if (args.detach) return detachRotation(deps, { ...request, workstream, rotation: args.rotation });
    return attachRotation(deps, {
      ...request,
      workstream,
      rotation: args.rotation,
      confirm: args.confirm,
      withGroups: args.withGroups,
    });
  },
  render: (result) =>
    result.kind === "rotation_detached" ? rotationDetachedReply(result) : renderResult(result),
});

export const handoffCommand = defineIncidentCommand({
  verb: handoffVerb,
  run: async ({ workstreamId: _, ...request }, args, { deps, scope }) =>
    startManualHandoff(deps, {
      ...request,
      workstream: args.workstream ?? (await scope()).workstream?.name ?? null,
      toUserId: args.toUserId,
    }),
  render: renderResult,
});

export const shiftsCommand = defineCommand({
  verb: shiftsVerb,
  run: async ({ deps, channelId, userId }, args) =>
    shiftsReply(await showShifts(deps, { rotation: args.rotation, channelId, viewerId: userId })),
});

export const rotationsCommand = defineCommand({
  verb: rotationsVerb,
  run: async ({ deps, userId }, args) =>
    args.reload
      ? rotationsReloadView(await reloadRotations(deps, userId))
      : rotationsListView(listRotations(deps)),
});
