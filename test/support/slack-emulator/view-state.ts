// What Slack reports for each stateful element in `state.values[block_id][action_id]`
// (payloads/view_state_values_shapes.json), built from the element definition and what
// the simulated user chose. Choices that the element could not produce (an option it does
// not offer, a list for a single select) throw, so tests cannot submit impossible input.
import { isRecord } from "./args.ts";

/** What a test says the user entered: text, one choice, several choices, or nothing. */
export type UserInput = string | string[] | null;

export interface LocatedElement {
  blockId: string;
  blockType: string;
  element: Record<string, unknown>;
  /** Input blocks only: false when the block is required. */
  optional: boolean;
}

/** Buttons, overflow menus and images carry no state. */
const STATELESS = new Set([
  "button",
  "overflow",
  "image",
  "workflow_button",
  "feedback_buttons",
  "icon_button",
]);

/** Every element in `blocks` that has an action_id (interactive), with its block. */
export function interactiveElements(blocks: unknown): LocatedElement[] {
  const found: LocatedElement[] = [];
  if (!Array.isArray(blocks)) return found;
  for (const block of blocks) {
    if (!isRecord(block) || typeof block.block_id !== "string" || typeof block.type !== "string") continue;
    const candidates: unknown[] = [];
    if (Array.isArray(block.elements) && block.type !== "context" && block.type !== "rich_text") {
      candidates.push(...block.elements);
    }
    if (block.accessory !== undefined) candidates.push(block.accessory);
    if (block.element !== undefined) candidates.push(block.element);
    for (const element of candidates) {
      if (isRecord(element) && typeof element.action_id === "string") {
        found.push({
          blockId: block.block_id,
          blockType: block.type,
          element,
          optional: block.optional === true,
        });
      }
    }
  }
  return found;
}

export function isStateful(element: Record<string, unknown>): boolean {
  return typeof element.type === "string" && !STATELESS.has(element.type);
}

/** All options of a select / checkboxes / radio / overflow, option groups flattened. */
function optionsOf(element: Record<string, unknown>): Record<string, unknown>[] {
  const options: unknown[] = [];
  if (Array.isArray(element.options)) options.push(...element.options);
  if (Array.isArray(element.option_groups)) {
    for (const group of element.option_groups)
      if (isRecord(group) && Array.isArray(group.options)) options.push(...group.options);
  }
  return options.filter(isRecord);
}

function pickOption(element: Record<string, unknown>, value: string): Record<string, unknown> {
  if (String(element.type).includes("external_select")) {
    return { text: { type: "plain_text", text: value, emoji: true }, value };
  }
  const option = optionsOf(element).find((candidate) => candidate.value === value);
  if (!option) {
    const offered = optionsOf(element).map((candidate) => String(candidate.value));
    throw new Error(
      `${String(element.action_id)} offers no option with value ${JSON.stringify(value)} (offers ${offered.join(", ")})`,
    );
  }
  return option;
}

function single(element: Record<string, unknown>, input: UserInput): string | null {
  if (Array.isArray(input))
    throw new Error(`${String(element.type)} ${String(element.action_id)} takes one value, not a list`);
  return input;
}

function many(element: Record<string, unknown>, input: UserInput): string[] {
  if (input === null) return [];
  if (!Array.isArray(input))
    throw new Error(`${String(element.type)} ${String(element.action_id)} takes a list of values`);
  return input;
}

/**
 * The state entry of `element`. `input` undefined means the user left the element as shown,
 * so Slack reports its initial value (or emptiness).
 */
export function elementState(
  element: Record<string, unknown>,
  input: UserInput | undefined,
): Record<string, unknown> {
  const type = String(element.type);
  const state: Record<string, unknown> = { type };
  const initial = (key: string) => (element[key] === undefined ? null : element[key]);
  switch (type) {
    case "plain_text_input":
    case "email_text_input":
    case "url_text_input":
    case "number_input":
      state.value = input === undefined ? initial("initial_value") : single(element, input);
      break;
    case "static_select":
    case "external_select":
    case "radio_buttons": {
      const value = input === undefined ? undefined : single(element, input);
      state.selected_option =
        value === undefined ? initial("initial_option") : value === null ? null : pickOption(element, value);
      break;
    }
    case "multi_static_select":
    case "multi_external_select":
    case "checkboxes":
      state.selected_options =
        input === undefined
          ? (initial("initial_options") ?? [])
          : many(element, input).map((value) => pickOption(element, value));
      break;
    case "users_select":
    case "conversations_select":
    case "channels_select": {
      const noun = type.replace("s_select", "");
      state[`selected_${noun}`] = input === undefined ? initial(`initial_${noun}`) : single(element, input);
      break;
    }
    case "multi_users_select":
    case "multi_conversations_select":
    case "multi_channels_select": {
      const noun = type.replace("multi_", "").replace("_select", "");
      state[`selected_${noun}`] =
        input === undefined ? (initial(`initial_${noun}`) ?? []) : many(element, input);
      break;
    }
    case "datepicker":
      state.selected_date = input === undefined ? initial("initial_date") : single(element, input);
      break;
    case "timepicker":
      state.selected_time = input === undefined ? initial("initial_time") : single(element, input);
      break;
    case "datetimepicker": {
      const value = input === undefined ? initial("initial_date_time") : single(element, input);
      state.selected_date_time = value === null ? null : Number(value);
      break;
    }
    case "rich_text_input": {
      const text = input === undefined ? null : single(element, input);
      state.rich_text_value =
        text === null
          ? (initial("initial_value") ?? null)
          : {
              type: "rich_text",
              elements: [{ type: "rich_text_section", elements: [{ type: "text", text }] }],
            };
      break;
    }
    case "file_input":
      state.files = [];
      break;
    default:
      throw new Error(`the driver does not know how ${type} reports its state`);
  }
  return state;
}

/** True when the entry holds nothing (what makes a required input block unsubmittable). */
export function isEmptyState(state: Record<string, unknown>): boolean {
  const { type: _type, ...fields } = state;
  return Object.values(fields).every(
    (value) =>
      value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0),
  );
}
