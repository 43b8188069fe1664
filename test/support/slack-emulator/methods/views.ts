// views.*: modals (open, push, update) and the Home tab (publish). trigger_ids are single
// use and expire after 3 s; a modal stack holds at most 3 views (root + 2 pushes).
import { json, str } from "../args.ts";
import { checkView } from "../block-kit-rules.ts";
import { fail, violate, violateAll } from "../errors.ts";
import type { Args, ViewRecord } from "../types.ts";
import type { Workspace } from "../workspace.ts";
import { knownUser, type MethodTable } from "./access.ts";

export const TRIGGER_TTL_MS = 3000;
export const MAX_MODAL_STACK = 3;

/** Uses up a trigger_id (or interactivity_pointer) and returns the user it was issued for. */
function consumeTrigger(ws: Workspace, args: Args): string {
  const trigger = str(args, "trigger_id") ?? str(args, "interactivity_pointer");
  if (!trigger) violate("invalid_arguments", "views.open/push need trigger_id or interactivity_pointer");
  const state = ws.triggers.get(trigger);
  if (!state) fail("invalid_trigger_id");
  if (state.used || ws.now() - state.issuedAt > TRIGGER_TTL_MS) fail("expired_trigger_id");
  state.used = true;
  return state.user;
}

/** The view argument, checked against Slack's rules for its surface. */
function viewArg(args: Args, expected: "modal" | "home"): Record<string, unknown> {
  const view = json(args, "view", "invalid_arguments");
  violateAll(checkView(view, expected));
  return view as Record<string, unknown>;
}

function newHash(ws: Workspace): string {
  return `${ws.nowSeconds()}.${ws.ids.alnum(8)}`;
}

/** The view object Slack returns from views.*, and sends back in interaction payloads. */
export function fullView(
  ws: Workspace,
  record: ViewRecord,
  view: Record<string, unknown>,
): Record<string, unknown> {
  const { teamId, appId, botId } = ws.identity;
  return {
    id: record.id,
    team_id: teamId,
    type: view.type,
    blocks: Array.isArray(view.blocks) ? ws.withIds(view.blocks) : [],
    private_metadata: view.private_metadata ?? "",
    callback_id: view.callback_id ?? "",
    state: { values: {} },
    hash: record.hash,
    title: view.title ?? { type: "plain_text", text: "View Title", emoji: true },
    clear_on_close: view.clear_on_close === true,
    notify_on_close: view.notify_on_close === true,
    close: view.close ?? null,
    submit: view.submit ?? null,
    previous_view_id: record.previousViewId ?? null,
    root_view_id: record.rootViewId,
    app_id: appId,
    external_id: view.external_id ?? "",
    app_installed_team_id: teamId,
    bot_id: botId,
  };
}

/** Registers a new modal view on `user`'s stack (`stack` empty → a new root). */
export function addModal(
  ws: Workspace,
  user: string,
  view: Record<string, unknown>,
  stack: string[],
): ViewRecord {
  const externalId =
    typeof view.external_id === "string" && view.external_id !== "" ? view.external_id : undefined;
  if (externalId !== undefined && ws.viewsByExternalId.has(externalId)) fail("duplicate_external_id");
  const id = ws.ids.next("V");
  const record: ViewRecord = {
    id,
    type: "modal",
    user,
    view: {},
    hash: newHash(ws),
    rootViewId: stack[0] ?? id,
    open: true,
  };
  const previous = stack[stack.length - 1];
  if (previous !== undefined) record.previousViewId = previous;
  if (externalId !== undefined) {
    record.externalId = externalId;
    ws.viewsByExternalId.set(externalId, id);
  }
  record.view = fullView(ws, record, view);
  ws.views.set(id, record);
  ws.modalStacks.set(user, [...stack, id]);
  return record;
}

/** The user's open modal stack (closed views dropped). */
export function openStack(ws: Workspace, user: string): string[] {
  return (ws.modalStacks.get(user) ?? []).filter((id) => ws.views.get(id)?.open);
}

export function pushModal(ws: Workspace, user: string, view: Record<string, unknown>): ViewRecord {
  const stack = openStack(ws, user);
  if (stack.length >= MAX_MODAL_STACK) {
    violate("push_limit_reached", `a modal stack holds at most ${MAX_MODAL_STACK} views (root + 2 pushes)`);
  }
  return addModal(ws, user, view, stack);
}

export function replaceView(ws: Workspace, record: ViewRecord, view: Record<string, unknown>): void {
  record.hash = newHash(ws);
  record.view = fullView(ws, record, view);
  delete record.errors;
}

function open(ws: Workspace, args: Args) {
  const view = viewArg(args, "modal");
  const user = consumeTrigger(ws, args);
  for (const id of openStack(ws, user)) ws.views.get(id)!.open = false;
  return { view: addModal(ws, user, view, []).view };
}

function push(ws: Workspace, args: Args) {
  const view = viewArg(args, "modal");
  const user = consumeTrigger(ws, args);
  return { view: pushModal(ws, user, view).view };
}

function update(ws: Workspace, args: Args) {
  const viewId = str(args, "view_id");
  const externalId = str(args, "external_id");
  if (!viewId && !externalId) violate("invalid_arguments", "views.update needs view_id or external_id");
  const id = viewId || ws.viewsByExternalId.get(externalId ?? "");
  const record = id ? (ws.views.get(id) ?? findHome(ws, id)) : undefined;
  // A submitted or cleared modal is gone for Slack too.
  if (!record?.open) fail("not_found");
  const view = viewArg(args, record.type);
  const hash = str(args, "hash");
  if (hash && hash !== record.hash) fail("hash_conflict");
  replaceView(ws, record, view);
  return { view: record.view };
}

function findHome(ws: Workspace, id: string): ViewRecord | undefined {
  for (const record of ws.homeViews.values()) if (record.id === id) return record;
  return undefined;
}

function publish(ws: Workspace, args: Args) {
  const user = knownUser(ws, str(args, "user_id"));
  const view = viewArg(args, "home");
  const existing = ws.homeViews.get(user.id);
  const hash = str(args, "hash");
  if (hash && existing && hash !== existing.hash) fail("hash_conflict");
  if (existing) {
    replaceView(ws, existing, view);
    return { view: existing.view };
  }
  const id = ws.ids.next("V");
  const record: ViewRecord = {
    id,
    type: "home",
    user: user.id,
    view: {},
    hash: newHash(ws),
    rootViewId: id,
    open: true,
  };
  record.view = fullView(ws, record, view);
  ws.homeViews.set(user.id, record);
  return { view: record.view };
}

export const viewMethods: MethodTable = {
  "views.open": open,
  "views.push": push,
  "views.update": update,
  "views.publish": publish,
};
