// The action-item buttons: *Action items* (the list, for any surface that shows an incident:
// value = the incident id), and on each open item of the list *Done* and *Edit / reassign*
// (value = "<incident id>:<item id>"). The list answers only the person who clicked.
import { badInput } from "../../../domain/errors.ts";
import {
  actionItemToEdit,
  listActionItems,
  updateActionItem,
} from "../../../services/postmortem/manage-action-items.ts";
import { sealForm } from "../../form-seal.ts";
import {
  actionItemChangedReply,
  actionItemListReply,
  editActionItemModal,
} from "../../views/action-items-view.ts";
import type { ActionHandler } from "./action.ts";

function incidentOf(value: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0)
    throw badInput("That button is out of date; type `/incident action list`.");
  return id;
}

function itemOf(value: string): { incidentId: number; itemId: number } {
  const match = /^(\d{1,12}):(\d{1,12})$/.exec(value);
  if (!match) throw badInput("That button is out of date; type `/incident action list`.");
  return { incidentId: Number(match[1]), itemId: Number(match[2]) };
}

export const listActionItemsClicked: ActionHandler = async (deps, input) =>
  actionItemListReply(
    await listActionItems(deps, { incidentId: incidentOf(input.value), actorId: input.userId }),
  );

export const actionItemDoneClicked: ActionHandler = async (deps, input) => {
  const { incidentId, itemId } = itemOf(input.value);
  const result = await updateActionItem(deps, {
    incidentId,
    workstreamId: null,
    ref: { id: itemId },
    actorId: input.userId,
    // One click, one change: a double click or Slack's retry finds the item already done.
    requestKey: `action-done:${itemId}:${input.triggerId}`,
    done: true,
  });
  // The list shows the item done; what changed is said above it.
  const list = actionItemListReply({
    kind: "action_item_list",
    incidentId: result.incidentId,
    incidentNumber: result.incidentNumber,
    items: result.items,
  });
  const said = actionItemChangedReply(result).text;
  return {
    text: said,
    blocks: [{ type: "context", elements: [{ type: "mrkdwn", text: said }] }, ...(list.blocks ?? [])],
    replaceOriginal: true,
  };
};

export const actionItemEditClicked: ActionHandler = async (deps, input) => {
  const { incidentId, itemId } = itemOf(input.value);
  const { incidentNumber, item } = await actionItemToEdit(deps, {
    incidentId,
    ref: { id: itemId },
    actorId: input.userId,
  });
  await deps.gateway.openView(
    input.triggerId,
    sealForm(
      deps.config,
      editActionItemModal(incidentNumber, item, { incidentId, actionId: itemId }),
      input.userId,
    ),
  );
  return null;
};
