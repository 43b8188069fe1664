// Action items as people manage them: the list (ephemeral, a *Done* and an *Edit / reassign*
// button per open item), the answers to a change, the edit form, and the DM to a new owner.
import { ACTION_MAX } from "../../domain/command/verbs/postmortem.ts";
import { escapeMrkdwn, mentionChannel, mentionUser } from "../../domain/text/mrkdwn.ts";
import type {
  ActionItemChanged,
  ActionItemList,
  ListedActionItem,
} from "../../services/postmortem/manage-action-items.ts";
import { ACTIONS, INPUTS, VIEWS } from "../ids.ts";
import { actions, type Block, button, context, type Modal, messageText, plain, section } from "./blocks.ts";
import { LIMITS } from "./limits.ts";
import type { Reply } from "./replies/reply.ts";

/** Two blocks per open item: the list stays within Slack's 50 blocks with room for the rest. */
const OPEN_SHOWN = 20;
const DONE_SHOWN = 15;

const owner = (item: ListedActionItem) => (item.ownerId ? mentionUser(item.ownerId) : "_no owner_");

export const actionItemValue = (incidentId: number, itemId: number) => `${incidentId}:${itemId}`;

export function actionItemListReply(list: ActionItemList): Reply {
  const open = list.items.filter((i) => i.status === "open");
  const done = list.items.filter((i) => i.status === "done");
  const title = `*Action items of INC-${list.incidentNumber}*: ${open.length} open, ${done.length} done`;
  if (!list.items.length)
    return {
      text: `INC-${list.incidentNumber} has no action items yet: add one with \`/incident action <text> --owner @person\`.`,
    };
  const blocks: Block[] = [section(title)];
  for (const item of open.slice(0, OPEN_SHOWN)) {
    blocks.push(section(`*${item.number}.* ${escapeMrkdwn(item.text)} — ${owner(item)}`));
    blocks.push(
      actions(`action_item_${item.id}`, [
        button({
          actionId: ACTIONS.actionItemDone,
          text: "Done",
          style: "primary",
          value: actionItemValue(list.incidentId, item.id),
        }),
        button({
          actionId: ACTIONS.actionItemEdit,
          text: "Edit / reassign",
          value: actionItemValue(list.incidentId, item.id),
        }),
      ]),
    );
  }
  if (open.length > OPEN_SHOWN)
    blocks.push(
      context([
        `${open.length - OPEN_SHOWN} more open: \`/incident action done <n>\`, \`reassign <n> @user\`, \`edit <n> <text>\`.`,
      ]),
    );
  if (done.length) {
    const lines = done
      .slice(-DONE_SHOWN)
      .map((item) => `:white_check_mark: *${item.number}.* ~${escapeMrkdwn(item.text)}~ — ${owner(item)}`);
    const earlier = done.length > DONE_SHOWN ? `\n_…and ${done.length - DONE_SHOWN} done earlier_` : "";
    blocks.push(section(`${lines.join("\n")}${earlier}`));
  }
  return { text: messageText(title.replace(/\*/g, "")), blocks };
}

export function actionItemChangedReply(r: ActionItemChanged): Reply {
  const { item } = r;
  const name = `Action item ${item.number} of INC-${r.incidentNumber}`;
  if (!r.changes.length)
    return {
      text: `${name} already reads so (${item.status}, ${item.ownerId ? `owner ${mentionUser(item.ownerId)}` : "no owner"}): nothing changed.`,
    };
  const said: string[] = [];
  if (r.changes.includes("edited")) said.push(`now reads “${escapeMrkdwn(item.text)}”`);
  if (r.changes.includes("reassigned"))
    said.push(item.ownerId ? `is now ${mentionUser(item.ownerId)}'s (they get a DM)` : "has no owner now");
  if (r.changes.includes("done")) said.push("is done");
  return { text: `:white_check_mark: ${name} ${said.join(", and ")}. Recorded in the timeline.` };
}

export interface EditActionItemMetadata {
  incidentId: number;
  actionId: number;
}

export function editActionItemModal(
  incidentNumber: number,
  item: ListedActionItem,
  metadata: EditActionItemMetadata,
): Modal {
  return {
    type: "modal",
    callback_id: VIEWS.editActionItem,
    title: plain(`Action item ${item.number}`, LIMITS.modalTitle),
    submit: plain("Save", LIMITS.modalButton),
    close: plain("Cancel", LIMITS.modalButton),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      context([`INC-${incidentNumber} · ${item.status === "done" ? "done" : "open"}`]),
      {
        type: "input",
        block_id: INPUTS.actionText.block,
        label: plain("What needs doing", 2000),
        element: {
          type: "plain_text_input",
          action_id: INPUTS.actionText.action,
          multiline: true,
          max_length: ACTION_MAX,
          initial_value: item.text.slice(0, ACTION_MAX),
        },
      },
      {
        type: "input",
        block_id: INPUTS.actionOwner.block,
        optional: true,
        label: plain("Owner", 2000),
        element: {
          type: "users_select",
          action_id: INPUTS.actionOwner.action,
          placeholder: plain("Nobody yet"),
          ...(item.ownerId ? { initial_user: item.ownerId } : {}),
        },
        hint: plain("The new owner gets a DM."),
      },
    ],
  };
}

export function actionItemAssignedDm(model: {
  incidentNumber: number;
  channelId: string | null;
  number: number | null;
  text: string;
  byUserId: string | null;
  isPrivate: boolean;
}) {
  const by = model.byUserId ? ` by ${mentionUser(model.byUserId)}` : "";
  const where = model.channelId ? ` (${mentionChannel(model.channelId)})` : "";
  // A private incident's DM may reach someone outside its channel: it says only where to look.
  const text = model.isPrivate
    ? `:clipboard: You were given an action item${by} in a private incident${where}. \`/incident action list\` there shows it.`
    : `:clipboard: You were given ${model.number === null ? "an action item" : `action item ${model.number}`} of INC-${model.incidentNumber}${where}${by}: ${escapeMrkdwn(model.text)}\n\`/incident action list\` in the incident's channel shows it with a *Done* button.`;
  return { text: messageText(text), blocks: [section(text)] };
}
