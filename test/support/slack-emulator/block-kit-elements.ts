// Block Kit rules for interactive and display elements (buttons, menus, inputs, images…)
// and the option and confirm objects inside them. Limits: docs.slack.dev Block Kit reference
// and test/fixtures/slack/SLACK-FACTS.md.
import { isRecord } from "./args.ts";
import type { Checker } from "./block-kit-checker.ts";

const SELECTS = [
  "static_select",
  "external_select",
  "users_select",
  "conversations_select",
  "channels_select",
];
const MULTI_SELECTS = SELECTS.map((type) => `multi_${type}`);
const PICKERS = ["datepicker", "timepicker", "datetimepicker"];
const TEXT_INPUTS = ["plain_text_input", "email_text_input", "url_text_input", "number_input"];

/** Elements allowed in an input block. */
export const INPUT_ELEMENTS: ReadonlySet<string> = new Set([
  ...SELECTS,
  ...MULTI_SELECTS,
  ...PICKERS,
  ...TEXT_INPUTS,
  "checkboxes",
  "radio_buttons",
  "rich_text_input",
  "file_input",
]);

/** Elements allowed in an actions block. */
export const ACTIONS_ELEMENTS: ReadonlySet<string> = new Set([
  ...SELECTS,
  ...MULTI_SELECTS,
  ...PICKERS,
  "button",
  "checkboxes",
  "radio_buttons",
  "overflow",
  "workflow_button",
  "rich_text_input",
  "feedback_buttons",
  "icon_button",
]);

/** Elements allowed as a section accessory. */
export const ACCESSORY_ELEMENTS: ReadonlySet<string> = new Set([
  ...SELECTS,
  ...MULTI_SELECTS,
  ...PICKERS,
  "button",
  "checkboxes",
  "radio_buttons",
  "overflow",
  "image",
  "workflow_button",
]);

/** The element types whose options come from `options` / `option_groups`. */
const OPTION_LIMITS: Record<string, { max: number; min: number }> = {
  static_select: { max: 100, min: 1 },
  multi_static_select: { max: 100, min: 1 },
  overflow: { max: 5, min: 1 },
  checkboxes: { max: 10, min: 1 },
  radio_buttons: { max: 10, min: 1 },
};

/**
 * Checks one element at `pointer`. `allowed` is the set its container accepts.
 * Returns its action_id so the caller can check uniqueness.
 */
export function checkElement(
  c: Checker,
  element: unknown,
  pointer: string,
  allowed: ReadonlySet<string>,
): string | undefined {
  if (!isRecord(element)) {
    c.add(pointer, "element must be an object");
    return undefined;
  }
  const type = element.type;
  if (typeof type !== "string" || !allowed.has(type)) {
    c.add(`${pointer}/type`, `element type ${String(type)} is not allowed here`);
    return undefined;
  }
  const actionId = c.id(element.action_id, `${pointer}/action_id`, "action_id");
  c.text(element.placeholder, `${pointer}/placeholder`, {
    what: "placeholder",
    plainOnly: true,
    max: 150,
    required: false,
  });
  if (element.confirm !== undefined) checkConfirm(c, element.confirm, `${pointer}/confirm`);

  if (type === "button") checkButton(c, element, pointer);
  else if (type in OPTION_LIMITS) checkOptions(c, element, pointer, type);
  else if (type === "plain_text_input") checkPlainTextInput(c, element, pointer);
  else if (type === "image") checkImageElement(c, element, pointer);
  else if (type === "datepicker")
    checkPattern(
      c,
      element.initial_date,
      /^\d{4}-\d{2}-\d{2}$/,
      `${pointer}/initial_date`,
      "initial_date (YYYY-MM-DD)",
    );
  else if (type === "timepicker")
    checkPattern(c, element.initial_time, /^\d{2}:\d{2}$/, `${pointer}/initial_time`, "initial_time (HH:mm)");
  else if (type === "workflow_button")
    c.text(element.text, `${pointer}/text`, { what: "button text", plainOnly: true, max: 75 });
  else if (type === "email_text_input" || type === "url_text_input" || type === "number_input") {
    c.maxString(element.initial_value, 3000, `${pointer}/initial_value`, "initial_value");
  }
  return actionId;
}

function checkButton(c: Checker, element: Record<string, unknown>, pointer: string): void {
  c.text(element.text, `${pointer}/text`, { what: "button text", plainOnly: true, max: 75 });
  c.maxString(element.value, 2000, `${pointer}/value`, "button value");
  c.maxString(element.url, 3000, `${pointer}/url`, "button url");
  c.maxString(element.accessibility_label, 75, `${pointer}/accessibility_label`, "accessibility_label");
  if (element.style !== undefined && element.style !== "primary" && element.style !== "danger") {
    c.add(`${pointer}/style`, `button style must be primary or danger (got ${String(element.style)})`);
  }
}

function checkOptions(c: Checker, element: Record<string, unknown>, pointer: string, type: string): void {
  const limits = OPTION_LIMITS[type] ?? { max: 100, min: 1 };
  const isSelect = type.endsWith("static_select");
  const plainOnly = isSelect || type === "overflow";
  const all: Record<string, unknown>[] = [];
  if (isSelect && element.option_groups !== undefined) {
    if (element.options !== undefined)
      c.add(pointer, "a select menu takes options or option_groups, not both");
    const groups = c.list(element.option_groups, `${pointer}/option_groups`, "option_groups", 100) ?? [];
    groups.forEach((group, g) => {
      const groupPointer = `${pointer}/option_groups/${g}`;
      if (!isRecord(group)) {
        c.add(groupPointer, "option group must be an object");
        return;
      }
      c.text(group.label, `${groupPointer}/label`, { what: "option group label", plainOnly: true, max: 75 });
      const options = c.list(group.options, `${groupPointer}/options`, "options", 100) ?? [];
      options.forEach((option, i) => {
        if (checkOption(c, option, `${groupPointer}/options/${i}`, plainOnly))
          all.push(option as Record<string, unknown>);
      });
    });
  } else {
    const min = type === "overflow" ? 2 : limits.min;
    const options = c.list(element.options, `${pointer}/options`, "options", limits.max, min) ?? [];
    options.forEach((option, i) => {
      if (checkOption(c, option, `${pointer}/options/${i}`, plainOnly))
        all.push(option as Record<string, unknown>);
    });
  }
  // Slack rejects an initial option that is not one of the options (same text and value).
  const initials = element.initial_option !== undefined ? [element.initial_option] : element.initial_options;
  if (Array.isArray(initials)) {
    initials.forEach((initial, i) => {
      const at =
        element.initial_option !== undefined
          ? `${pointer}/initial_option`
          : `${pointer}/initial_options/${i}`;
      if (!all.some((option) => sameOption(option, initial)))
        c.add(at, "initial option must be one of the options");
    });
  }
}

function checkOption(c: Checker, option: unknown, pointer: string, plainOnly: boolean): boolean {
  if (!isRecord(option)) {
    c.add(pointer, "option must be an object");
    return false;
  }
  c.text(option.text, `${pointer}/text`, { what: "option text", plainOnly, max: 75 });
  if (typeof option.value !== "string") c.add(`${pointer}/value`, "option value is required");
  else c.maxString(option.value, 75, `${pointer}/value`, "option value");
  c.text(option.description, `${pointer}/description`, {
    what: "option description",
    plainOnly,
    max: 75,
    required: false,
  });
  return true;
}

function sameOption(option: Record<string, unknown>, initial: unknown): boolean {
  if (!isRecord(initial) || initial.value !== option.value) return false;
  const a = isRecord(option.text) ? option.text.text : undefined;
  const b = isRecord(initial.text) ? initial.text.text : undefined;
  return a === b;
}

function checkPlainTextInput(c: Checker, element: Record<string, unknown>, pointer: string): void {
  const { max_length: max, min_length: min, initial_value: initial } = element;
  if (max !== undefined && (typeof max !== "number" || !Number.isInteger(max) || max < 1 || max > 3000)) {
    c.add(`${pointer}/max_length`, `max_length must be an integer from 1 to 3000 (got ${String(max)})`);
  }
  if (min !== undefined && (typeof min !== "number" || !Number.isInteger(min) || min < 0 || min > 3000)) {
    c.add(`${pointer}/min_length`, `min_length must be an integer from 0 to 3000 (got ${String(min)})`);
  }
  if (typeof max === "number" && typeof min === "number" && min > max) {
    c.add(`${pointer}/min_length`, "min_length must not exceed max_length");
  }
  c.maxString(initial, 3000, `${pointer}/initial_value`, "initial_value");
  if (typeof initial === "string" && typeof max === "number" && initial.length > max) {
    c.add(`${pointer}/initial_value`, "initial_value is longer than max_length");
  }
}

/** Image element (context, accessory) and the image block share these fields. */
export function checkImageElement(c: Checker, element: Record<string, unknown>, pointer: string): void {
  if (element.image_url === undefined && element.slack_file === undefined) {
    c.add(pointer, "image needs image_url or slack_file");
  }
  c.maxString(element.image_url, 3000, `${pointer}/image_url`, "image_url");
  if (typeof element.alt_text !== "string" || element.alt_text === "")
    c.add(`${pointer}/alt_text`, "alt_text is required");
  else c.maxString(element.alt_text, 2000, `${pointer}/alt_text`, "alt_text");
}

function checkConfirm(c: Checker, confirm: unknown, pointer: string): void {
  if (!isRecord(confirm)) {
    c.add(pointer, "confirm must be an object");
    return;
  }
  c.text(confirm.title, `${pointer}/title`, { what: "confirm title", plainOnly: true, max: 100 });
  c.text(confirm.text, `${pointer}/text`, { what: "confirm text", max: 300 });
  c.text(confirm.confirm, `${pointer}/confirm`, { what: "confirm button", plainOnly: true, max: 30 });
  c.text(confirm.deny, `${pointer}/deny`, { what: "deny button", plainOnly: true, max: 30 });
}

function checkPattern(c: Checker, value: unknown, pattern: RegExp, pointer: string, what: string): void {
  if (value === undefined) return;
  if (typeof value !== "string" || !pattern.test(value))
    c.add(pointer, `${what} is malformed (got ${String(value)})`);
}
