// Handlers of the postmortem verbs: close (a form), postmortem (render again), action (add,
// or list / done / reassign / edit).
import type { Deps } from "../../../deps.ts";
import {
  actionVerb,
  closeVerb,
  type ManageAction,
  postmortemVerb,
} from "../../../domain/command/verbs/postmortem.ts";
import { addActionItem } from "../../../services/postmortem/add-action-item.ts";
import { prepareCloseForm } from "../../../services/postmortem/close-form.ts";
import {
  type ActionItemChanged,
  type ActionItemList,
  listActionItems,
  updateActionItem,
} from "../../../services/postmortem/manage-action-items.ts";
import { requestPostmortem } from "../../../services/postmortem/request-postmortem.ts";
import type { ActionItemAdded } from "../../../services/results.ts";
import { humanizeSlackText } from "../../../services/timeline/humanize.ts";
import { sealForm } from "../../form-seal.ts";
import { actionItemChangedReply, actionItemListReply } from "../../views/action-items-view.ts";
import { closeModal } from "../../views/close-modal.ts";
import { renderResult } from "../../views/replies/index.ts";
import { defineIncidentCommand, type IncidentRequest } from "./scope.ts";

export const closeCommand = defineIncidentCommand({
  verb: closeVerb,
  run: ({ incidentId, actorId }, _args, { deps }) => prepareCloseForm(deps, { incidentId, actorId }),
  render: async (incident, { deps, triggerId, userId }) => {
    await deps.gateway.openView(triggerId, sealForm(deps.config, closeModal(incident), userId));
    return null;
  },
});

export const postmortemCommand = defineIncidentCommand({
  verb: postmortemVerb,
  run: ({ incidentId, requestKey }, _args, { deps }) => requestPostmortem(deps, { incidentId, requestKey }),
  render: renderResult,
});

export const actionCommand = defineIncidentCommand({
  verb: actionVerb,
  run: async (request, args, { deps }): Promise<ActionItemAdded | ActionItemList | ActionItemChanged> =>
    "manage" in args
      ? manageActionItems(deps, request, {
          ...args.manage,
          // Plain words, like updates: a typed mention is stored as "@alex".
          ...("text" in args.manage && typeof args.manage.text === "string"
            ? { text: await humanizeSlackText(deps, args.manage.text) }
            : {}),
        })
      : addActionItem(deps, {
          ...request,
          text: await humanizeSlackText(deps, args.text),
          ownerId: args.ownerId,
        }),
  render: (result) => {
    if (result.kind === "action_item_list") return actionItemListReply(result);
    if (result.kind === "action_item_changed") return actionItemChangedReply(result);
    return renderResult(result);
  },
});

/** `action list | done N | reassign N @user | edit N <text>`: one use case each. */
function manageActionItems(deps: Deps, request: IncidentRequest, manage: ManageAction) {
  if (manage.op === "list") return listActionItems(deps, request);
  const ref = { number: manage.number };
  if (manage.op === "done") return updateActionItem(deps, { ...request, ref, done: true });
  if (manage.op === "reassign") return updateActionItem(deps, { ...request, ref, ownerId: manage.ownerId });
  return updateActionItem(deps, { ...request, ref, text: manage.text });
}
