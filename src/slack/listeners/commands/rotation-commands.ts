// Handlers of the rotation and handoff verbs.
import {
  handoffVerb,
  rotationsVerb,
  rotationVerb,
  shiftsVerb,
} from "../../../domain/command/verbs/rotation.ts";
import { startManualHandoff } from "../../../services/handoffs/manual-handoff.ts";
import { attachRotation } from "../../../services/rotations/attach-rotation.ts";
import { listRotations, reloadRotations, showShifts } from "../../../services/rotations/rotation-queries.ts";
import { renderResult } from "../../views/replies/index.ts";
import { rotationsListView, rotationsReloadView, shiftsReply } from "../../views/rotations-view.ts";
import { defineCommand } from "./command.ts";
import { defineIncidentCommand } from "./scope.ts";

export const rotationCommand = defineIncidentCommand({
  verb: rotationVerb,
  run: ({ workstreamId: _, ...request }, args, { deps, scope }) =>
    attachRotation(deps, {
      ...request,
      workstream: args.workstream ?? scope.workstream?.name ?? null,
      rotation: args.rotation,
      confirm: args.confirm,
      withGroups: args.withGroups,
    }),
  render: renderResult,
});

export const handoffCommand = defineIncidentCommand({
  verb: handoffVerb,
  run: ({ workstreamId: _, ...request }, args, { deps, scope }) =>
    startManualHandoff(deps, {
      ...request,
      workstream: args.workstream ?? scope.workstream?.name ?? null,
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
