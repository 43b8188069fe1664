// Managing follow-up action items: list them, mark one done, give it to someone else, change
// its words. From text (`action list`, `action done 3`, `action reassign 3 @user`, `action
// edit 3 <text>`) and from the buttons of the list. Items are numbered as the postmortem
// numbers them (the order they were added), so "3" means the same thing everywhere. Allowed
// after the incident closes, like adding them: follow-ups outlive the incident.
import type { Repositories } from "../../db/repositories/store.ts";
import type { ServiceDeps } from "../../deps.ts";
import { badInput, notFound } from "../../domain/errors.ts";
import type { Incident } from "../../domain/incident/incident.ts";
import type { ActionItem } from "../../domain/postmortem/action-item.ts";
import { recordEvent } from "../../events/record-event.ts";
import { effectContext, lockedIncident, metaFor, runChange } from "../support.ts";
import { requireVisible } from "../visibility.ts";

export interface ListedActionItem {
  /** Database id: what the buttons carry. */
  id: number;
  /** Its place in the list (what people type). */
  number: number;
  text: string;
  ownerId: string | null;
  status: "open" | "done";
  doneAt: string | null;
}

export interface ActionItemList {
  kind: "action_item_list";
  incidentId: number;
  incidentNumber: number;
  items: ListedActionItem[];
}

export interface ActionItemChanged {
  kind: "action_item_changed";
  incidentId: number;
  incidentNumber: number;
  item: ListedActionItem;
  /** What this request changed; empty when it was already so. */
  changes: ("done" | "reassigned" | "edited")[];
  /** The whole list after the change, for a list message to show again. */
  items: ListedActionItem[];
}

/** Which item: its number (typed) or its id (a button). */
export type ActionItemRef = { number: number } | { id: number };

const HIDDEN = "That incident no longer exists.";

function listed(items: ActionItem[]): ListedActionItem[] {
  return items.map((item, i) => ({
    id: item.id,
    number: i + 1,
    text: item.text,
    ownerId: item.ownerId,
    status: item.status,
    doneAt: item.doneAt ? item.doneAt.toISOString() : null,
  }));
}

function find(items: ListedActionItem[], ref: ActionItemRef): ListedActionItem {
  const item = "number" in ref ? items[ref.number - 1] : items.find((i) => i.id === ref.id);
  if (item) return item;
  if ("id" in ref) throw notFound("That action item is not in this incident any more.");
  throw badInput(
    items.length
      ? `There is no action item ${ref.number}: this incident has ${items.length} (\`/incident action list\` shows them).`
      : "This incident has no action items yet: add one with `/incident action <text> --owner @person`.",
  );
}

async function visibleIncident(deps: ServiceDeps, incidentId: number, actorId: string): Promise<Incident> {
  const incident = await deps.store.read.incidents.byId(incidentId);
  if (!incident) throw notFound(HIDDEN);
  // A private incident's items are for its members: to anyone else it does not exist.
  await requireVisible(deps, incident, actorId, HIDDEN);
  return incident;
}

export async function listActionItems(
  deps: ServiceDeps,
  input: { incidentId: number; actorId: string },
): Promise<ActionItemList> {
  const incident = await visibleIncident(deps, input.incidentId, input.actorId);
  const items = listed(await deps.store.read.actionItems.numbered(incident.id));
  return { kind: "action_item_list", incidentId: incident.id, incidentNumber: incident.number, items };
}

/** One item, to prefill the edit form. */
export async function actionItemToEdit(
  deps: ServiceDeps,
  input: { incidentId: number; ref: ActionItemRef; actorId: string },
): Promise<{ incidentNumber: number; item: ListedActionItem }> {
  const list = await listActionItems(deps, input);
  return { incidentNumber: list.incidentNumber, item: find(list.items, input.ref) };
}

export interface ActionItemUpdate {
  incidentId: number;
  workstreamId: number | null;
  ref: ActionItemRef;
  actorId: string;
  requestKey: string;
  done?: boolean;
  /** The new owner (null: nobody); absent: unchanged. */
  ownerId?: string | null;
  text?: string;
}

/** Marks done, reassigns and/or edits one item, recording what actually changed. */
export async function updateActionItem(
  deps: ServiceDeps,
  input: ActionItemUpdate,
): Promise<ActionItemChanged> {
  await visibleIncident(deps, input.incidentId, input.actorId);
  return runChange(deps, input.requestKey, async (repos) => {
    const incident = await lockedIncident(repos, input.incidentId);
    const item = find(listed(await repos.actionItems.numbered(incident.id)), input.ref);
    const changes: ActionItemChanged["changes"] = [];
    const meta = () => metaFor(deps, input.actorId, { workstreamId: input.workstreamId });
    const record = (event: Parameters<typeof recordEvent>[2]) =>
      recordEvent(repos, incident, event, meta(), { context: effectContext(deps) });
    const base = { actionId: item.id, number: item.number };
    if (input.text !== undefined && input.text !== item.text) {
      await record({ kind: "action_edited", ...base, from: item.text, to: input.text });
      changes.push("edited");
    }
    const text = input.text ?? item.text;
    if (input.ownerId !== undefined && input.ownerId !== item.ownerId) {
      await record({ kind: "action_reassigned", ...base, text, from: item.ownerId, to: input.ownerId });
      changes.push("reassigned");
    }
    if (input.done && item.status !== "done") {
      await record({ kind: "action_done", ...base, text });
      changes.push("done");
    }
    return changed(repos, incident, item.id, changes);
  });
}

async function changed(
  repos: Repositories,
  incident: Incident,
  itemId: number,
  changes: ActionItemChanged["changes"],
): Promise<ActionItemChanged> {
  const items = listed(await repos.actionItems.numbered(incident.id));
  return {
    kind: "action_item_changed",
    incidentId: incident.id,
    incidentNumber: incident.number,
    item: find(items, { id: itemId }),
    changes,
    items,
  };
}
