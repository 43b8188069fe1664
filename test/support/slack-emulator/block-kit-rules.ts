// Slack's Block Kit and message rules, checked on every message and view the app sends.
// Slack rejects (or silently truncates) payloads beyond these limits; the emulator fails the
// call and records a violation so tests catch what production would lose. Limits: Block
// Kit reference and test/fixtures/slack/SLACK-FACTS.md.
import { isRecord } from "./args.ts";
import { Checker, charLength } from "./block-kit-checker.ts";
import {
  ACCESSORY_ELEMENTS,
  ACTIONS_ELEMENTS,
  checkElement,
  checkImageElement,
  INPUT_ELEMENTS,
} from "./block-kit-elements.ts";
import { checkBlocksAgainstSchema } from "./block-kit-schema.ts";
import type { RuleIssue } from "./errors.ts";

export type Surface = "message" | "modal" | "home";

export const MAX_MESSAGE_BLOCKS = 50;
export const MAX_VIEW_BLOCKS = 100;
/** Slack truncates message text beyond this. */
export const SLACK_TEXT_LIMIT = 40_000;
/** What this bot promises to stay under (SLACK-FACTS.md). */
export const BOT_TEXT_LIMIT = 4000;
/** Undocumented: msg_blocks_too_long is seen near this JSON size. */
export const MAX_BLOCKS_JSON = 13_000;

const BLOCK_TYPES = new Set([
  "actions",
  "context",
  "context_actions",
  "divider",
  "file",
  "header",
  "image",
  "input",
  "markdown",
  "rich_text",
  "section",
  "table",
  "video",
]);

/** Rules for a message's `text` and `blocks` (chat.postMessage, chat.update, response_url…). */
export function checkMessage(message: { text?: unknown; blocks?: unknown }): RuleIssue[] {
  const c = new Checker("invalid_blocks");
  const { text, blocks } = message;
  if (text !== undefined && typeof text !== "string")
    c.add("/text", "text must be a string", "invalid_arguments");
  if (typeof text === "string") {
    const length = charLength(text);
    if (length > SLACK_TEXT_LIMIT) {
      c.add(
        "/text",
        `text is ${length} characters; Slack truncates beyond ${SLACK_TEXT_LIMIT}`,
        "msg_too_long",
      );
    } else if (length > BOT_TEXT_LIMIT) {
      c.add(
        "/text",
        `text is ${length} characters; the bot promises at most ${BOT_TEXT_LIMIT}`,
        "msg_too_long",
      );
    }
  }
  if (blocks === undefined) return c.issues;
  if (!Array.isArray(blocks)) {
    c.add("/blocks", "blocks must be an array", "invalid_blocks_format");
    return c.issues;
  }
  if (blocks.length > MAX_MESSAGE_BLOCKS) {
    c.add("/blocks", `a message takes at most ${MAX_MESSAGE_BLOCKS} blocks (got ${blocks.length})`);
  }
  const size = JSON.stringify(blocks).length;
  if (size > MAX_BLOCKS_JSON) {
    c.add("/blocks", `blocks JSON is ${size} characters (limit ~${MAX_BLOCKS_JSON})`, "msg_blocks_too_long");
  }
  checkBlockList(c, blocks, "/blocks", "message");
  return c.issues;
}

/** Rules for a modal or Home tab view (views.open/push/update/publish). */
export function checkView(view: unknown, expected?: "modal" | "home"): RuleIssue[] {
  const c = new Checker("invalid_arguments");
  if (!isRecord(view)) {
    c.add("/view", "view must be a JSON object");
    return c.issues;
  }
  const type = view.type;
  if (type !== "modal" && type !== "home") {
    c.add("/view/type", `view type must be modal or home (got ${String(type)})`);
    return c.issues;
  }
  if (expected && type !== expected)
    c.add("/view/type", `this method needs a ${expected} view (got ${type})`);
  const blocks = c.list(view.blocks, "/view/blocks", "blocks", MAX_VIEW_BLOCKS, 0) ?? [];
  if (type === "modal") {
    c.text(view.title, "/view/title", { what: "modal title", plainOnly: true, max: 24 });
    c.text(view.submit, "/view/submit", { what: "submit", plainOnly: true, max: 24, required: false });
    c.text(view.close, "/view/close", { what: "close", plainOnly: true, max: 24, required: false });
    const hasInput = blocks.some((block) => isRecord(block) && block.type === "input");
    if (hasInput && view.submit === undefined)
      c.add("/view/submit", "submit is required when a modal has input blocks");
  }
  c.id(view.callback_id, "/view/callback_id", "callback_id");
  c.maxString(view.private_metadata, 3000, "/view/private_metadata", "private_metadata");
  c.maxString(view.external_id, 255, "/view/external_id", "external_id");
  checkBlockList(c, blocks, "/view/blocks", type);
  return c.issues;
}

/** Checks each block, and that block_ids are unique within the message or view. */
export function checkBlockList(c: Checker, blocks: unknown[], pointer: string, surface: Surface): void {
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `${pointer}/${i}`;
    const blockId = checkBlock(c, block, at, surface);
    if (blockId === undefined) return;
    if (blockIds.has(blockId)) c.add(`${at}/block_id`, `block_id ${blockId} is used twice`);
    blockIds.add(blockId);
  });
  // Only blocks our own rules accept go on to the outside schema, so one mistake is told once.
  if (c.issues.length === 0) checkBlocksAgainstSchema(c, blocks, pointer);
}

function checkBlock(c: Checker, block: unknown, pointer: string, surface: Surface): string | undefined {
  if (!isRecord(block)) {
    c.add(pointer, "block must be an object");
    return undefined;
  }
  const type = block.type;
  if (typeof type !== "string" || !BLOCK_TYPES.has(type)) {
    c.add(`${pointer}/type`, `unknown block type ${String(type)}`);
    return undefined;
  }
  const blockId = c.id(block.block_id, `${pointer}/block_id`, "block_id");
  switch (type) {
    case "section":
      checkSection(c, block, pointer);
      break;
    case "header":
      c.text(block.text, `${pointer}/text`, { what: "header text", plainOnly: true, max: 150 });
      break;
    case "context":
      checkContext(c, block, pointer);
      break;
    case "actions":
    case "context_actions":
      checkActions(c, block, pointer);
      break;
    case "input":
      checkInput(c, block, pointer);
      break;
    case "image":
      checkImageElement(c, block, pointer);
      c.text(block.title, `${pointer}/title`, {
        what: "image title",
        plainOnly: true,
        max: 2000,
        required: false,
      });
      break;
    case "rich_text":
      c.list(block.elements, `${pointer}/elements`, "rich_text elements", Number.POSITIVE_INFINITY);
      break;
    case "markdown":
      if (surface !== "message") c.add(`${pointer}/type`, "markdown blocks are only allowed in messages");
      if (typeof block.text !== "string" || block.text === "")
        c.add(`${pointer}/text`, "markdown text is required");
      else c.maxString(block.text, 12_000, `${pointer}/text`, "markdown text");
      break;
    case "file":
      if (surface !== "message") c.add(`${pointer}/type`, "file blocks are only allowed in messages");
      if (typeof block.external_id !== "string")
        c.add(`${pointer}/external_id`, "file block needs external_id");
      break;
    default:
      break; // divider, table, video: nothing the bot is likely to get wrong
  }
  return blockId;
}

function checkSection(c: Checker, block: Record<string, unknown>, pointer: string): void {
  if (block.text === undefined && block.fields === undefined)
    c.add(pointer, "a section needs text or fields");
  c.text(block.text, `${pointer}/text`, { what: "section text", max: 3000, required: false });
  if (block.fields !== undefined) {
    const fields = c.list(block.fields, `${pointer}/fields`, "section fields", 10) ?? [];
    fields.forEach((field, i) => {
      c.text(field, `${pointer}/fields/${i}`, { what: "section field", max: 2000 });
    });
  }
  if (block.accessory !== undefined)
    checkElement(c, block.accessory, `${pointer}/accessory`, ACCESSORY_ELEMENTS);
}

function checkContext(c: Checker, block: Record<string, unknown>, pointer: string): void {
  const elements = c.list(block.elements, `${pointer}/elements`, "context elements", 10) ?? [];
  elements.forEach((element, i) => {
    const at = `${pointer}/elements/${i}`;
    if (isRecord(element) && element.type === "image") checkImageElement(c, element, at);
    else c.text(element, at, { what: "context element" });
  });
}

function checkActions(c: Checker, block: Record<string, unknown>, pointer: string): void {
  const elements = c.list(block.elements, `${pointer}/elements`, "actions elements", 25) ?? [];
  const actionIds = new Set<string>();
  elements.forEach((element, i) => {
    const at = `${pointer}/elements/${i}`;
    const actionId = checkElement(c, element, at, ACTIONS_ELEMENTS);
    if (actionId === undefined) return;
    if (actionIds.has(actionId))
      c.add(`${at}/action_id`, `action_id ${actionId} is used twice in this block`);
    actionIds.add(actionId);
  });
}

function checkInput(c: Checker, block: Record<string, unknown>, pointer: string): void {
  c.text(block.label, `${pointer}/label`, { what: "input label", plainOnly: true, max: 2000 });
  c.text(block.hint, `${pointer}/hint`, { what: "input hint", plainOnly: true, max: 2000, required: false });
  if (block.element === undefined) c.add(`${pointer}/element`, "an input block needs an element");
  else checkElement(c, block.element, `${pointer}/element`, INPUT_ELEMENTS);
}
