// block_actions and view_submission payloads as Slack builds them
// (payloads/block_actions.json, payloads/view_submission.json), from what the emulator
// shows the user. Elements are looked up in the current message or view, so a test cannot
// click a button or fill a field that is not on screen.
import type { SlackEmulator } from "./emulator.ts";
import type { EphemeralRecord, MessageRecord, ViewRecord } from "./types.ts";
import {
  elementState,
  interactiveElements,
  isEmptyState,
  isStateful,
  type LocatedElement,
  type UserInput,
} from "./view-state.ts";

export const VERIFICATION_TOKEN = "emulatedVerificationToken00";

export type Surface =
  | { kind: "message"; message: MessageRecord; blocks: unknown[] }
  | { kind: "ephemeral"; message: EphemeralRecord; blocks: unknown[] }
  | { kind: "view"; view: ViewRecord; blocks: unknown[] };

export interface SurfaceRef {
  message?: MessageRecord | EphemeralRecord;
  view?: ViewRecord | string;
}

/** The message or view as it is now (a record a test holds may predate an update). */
export function currentSurface(emulator: SlackEmulator, ref: SurfaceRef): Surface {
  if (ref.view !== undefined) {
    const id = typeof ref.view === "string" ? ref.view : ref.view.id;
    const view = emulator.view(id);
    if (!view) throw new Error(`no view ${id}`);
    if (!view.open) throw new Error(`view ${id} is closed; the user cannot interact with it`);
    return { kind: "view", view, blocks: asBlocks(view.view.blocks) };
  }
  if (ref.message === undefined) throw new Error("say which message or view the user interacts with");
  if ("ephemeral" in ref.message)
    return { kind: "ephemeral", message: ref.message, blocks: asBlocks(ref.message.blocks) };
  const message = emulator.message(ref.message.channel, ref.message.ts);
  if (!message) throw new Error(`message ${ref.message.ts} in ${ref.message.channel} no longer exists`);
  return { kind: "message", message, blocks: asBlocks(message.blocks) };
}

function asBlocks(blocks: unknown): unknown[] {
  return Array.isArray(blocks) ? blocks : [];
}

/** The element with `actionId` (and `blockId`, and button `value`, when given). */
export function locate(surface: Surface, actionId: string, blockId?: string, value?: string): LocatedElement {
  const all = interactiveElements(surface.blocks);
  const match = all.find(
    (found) =>
      found.element.action_id === actionId &&
      (blockId === undefined || found.blockId === blockId) &&
      (value === undefined || found.element.value === value),
  );
  if (!match) {
    const shown =
      all.map((found) => `${found.blockId}/${String(found.element.action_id)}`).join(", ") || "none";
    throw new Error(
      `no element ${actionId}${value === undefined ? "" : ` with value ${value}`} on screen (shown: ${shown})`,
    );
  }
  return match;
}

export function userRef(emulator: SlackEmulator, userId: string) {
  const user = emulator.user(userId);
  if (!user) throw new Error(`unknown user ${userId}`);
  return { id: user.id, username: user.name, name: user.name, team_id: emulator.teamId };
}

function teamRef(emulator: SlackEmulator) {
  return { id: emulator.teamId, domain: emulator.teamDomain };
}

/** state.values for every stateful element shown, with `changes` applied (user input). */
export function stateValues(
  blocks: unknown[],
  changes: Record<string, Record<string, UserInput>> = {},
): Record<string, Record<string, Record<string, unknown>>> {
  const values: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const { blockId, element } of interactiveElements(blocks)) {
    if (!isStateful(element)) continue;
    const actionId = String(element.action_id);
    values[blockId] ??= {};
    values[blockId][actionId] = elementState(element, changes[blockId]?.[actionId]);
  }
  return values;
}

export interface BlockActionInput {
  user: string;
  surface: Surface;
  located: LocatedElement;
  /** The action fields besides ids and type (text/value for buttons, selected_* for menus). */
  actionFields: Record<string, unknown>;
  /** For menus: the new selection, reflected in state too. */
  input?: UserInput;
  triggerId: string;
  responseUrl?: string;
  actionTs: string;
}

export function blockActionsPayload(
  emulator: SlackEmulator,
  input: BlockActionInput,
): Record<string, unknown> {
  const { surface, located } = input;
  const actionId = String(located.element.action_id);
  const changes = input.input === undefined ? {} : { [located.blockId]: { [actionId]: input.input } };
  const state = { values: stateValues(surface.blocks, changes) };
  const payload: Record<string, unknown> = {
    type: "block_actions",
    user: userRef(emulator, input.user),
    api_app_id: emulator.appId,
    token: VERIFICATION_TOKEN,
  };
  if (surface.kind === "view") {
    payload.container = { type: "view", view_id: surface.view.id };
  } else {
    payload.container = {
      type: "message",
      message_ts: surface.message.ts,
      channel_id: surface.message.channel,
      is_ephemeral: surface.kind === "ephemeral",
    };
  }
  payload.trigger_id = input.triggerId;
  payload.team = teamRef(emulator);
  payload.enterprise = null;
  payload.is_enterprise_install = false;
  if (surface.kind === "view") {
    payload.view = { ...surface.view.view, state };
  } else {
    const channel = emulator.channel(surface.message.channel);
    payload.channel = {
      id: surface.message.channel,
      name: channel?.isIm ? "directmessage" : (channel?.name ?? ""),
    };
    // Slack sends no `message` for ephemeral messages.
    if (surface.kind === "message")
      payload.message = emulator.messageJson(surface.message.channel, surface.message.ts);
    payload.state = state;
  }
  if (input.responseUrl !== undefined) payload.response_url = input.responseUrl;
  payload.actions = [
    {
      ...input.actionFields,
      type: located.element.type,
      action_id: actionId,
      block_id: located.blockId,
      action_ts: input.actionTs,
    },
  ];
  return payload;
}

/** Checks `values` name real fields, then builds the view_submission payload. */
export function viewSubmissionPayload(
  emulator: SlackEmulator,
  view: ViewRecord,
  user: string,
  values: Record<string, Record<string, UserInput>>,
  triggerId: string,
): Record<string, unknown> {
  const blocks = Array.isArray(view.view.blocks) ? view.view.blocks : [];
  const shown = interactiveElements(blocks);
  for (const [blockId, fields] of Object.entries(values)) {
    for (const actionId of Object.keys(fields)) {
      if (!shown.some((found) => found.blockId === blockId && found.element.action_id === actionId)) {
        throw new Error(`view ${view.id} has no field ${blockId}/${actionId}`);
      }
    }
  }
  const stateVals = stateValues(blocks, values);
  for (const found of shown) {
    if (found.blockType !== "input") continue;
    const entry = stateVals[found.blockId]?.[String(found.element.action_id)];
    if (!found.optional && entry && isEmptyState(entry)) {
      throw new Error(`Slack would not submit: required input ${found.blockId} is empty`);
    }
    checkLength(found, entry);
  }
  return {
    type: "view_submission",
    team: teamRef(emulator),
    user: userRef(emulator, user),
    api_app_id: emulator.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: triggerId,
    view: { ...view.view, state: { values: stateVals } },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** Slack's client enforces plain_text_input min/max length before submitting. */
function checkLength(found: LocatedElement, entry: Record<string, unknown> | undefined): void {
  const value = entry?.value;
  if (typeof value !== "string" || found.element.type !== "plain_text_input") return;
  const { max_length: max, min_length: min } = found.element;
  if (typeof max === "number" && value.length > max)
    throw new Error(`Slack would not submit: ${found.blockId} is over ${max} characters`);
  if (typeof min === "number" && value.length < min)
    throw new Error(`Slack would not submit: ${found.blockId} is under ${min} characters`);
}

/** A global shortcut (`shortcut`), as Slack sends it (docs: interactivity → shortcuts). */
export function globalShortcutPayload(
  emulator: SlackEmulator,
  input: { user: string; callbackId: string; triggerId: string; actionTs: string },
): Record<string, unknown> {
  const user = userRef(emulator, input.user);
  return {
    type: "shortcut",
    token: VERIFICATION_TOKEN,
    action_ts: input.actionTs,
    team: teamRef(emulator),
    user: { id: user.id, username: user.username, team_id: user.team_id },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: input.callbackId,
    trigger_id: input.triggerId,
  };
}

/** A message shortcut (`message_action`) on a message the user can see, carrying that message. */
export function messageShortcutPayload(
  emulator: SlackEmulator,
  input: {
    user: string;
    callbackId: string;
    channel: string;
    ts: string;
    triggerId: string;
    responseUrl: string;
    actionTs: string;
  },
): Record<string, unknown> {
  const message = emulator.messageJson(input.channel, input.ts);
  if (!message) throw new Error(`no message ${input.ts} in ${input.channel}`);
  const channel = emulator.channel(input.channel);
  const user = userRef(emulator, input.user);
  return {
    type: "message_action",
    token: VERIFICATION_TOKEN,
    action_ts: input.actionTs,
    team: teamRef(emulator),
    user: { id: user.id, name: user.name },
    channel: { id: input.channel, name: channel?.isIm ? "directmessage" : (channel?.name ?? "") },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: input.callbackId,
    trigger_id: input.triggerId,
    response_url: input.responseUrl,
    message_ts: input.ts,
    message,
  };
}
