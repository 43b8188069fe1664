// Small Block Kit constructors that keep every piece inside Slack's limits. Text passed to
// them is already mrkdwn built by the bot: user text must have been escaped by the caller.
import type {
  ActionsBlock,
  ActionsBlockElement,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  HomeView,
  InputBlock,
  KnownBlock,
  ModalView,
  MrkdwnElement,
  PlainTextElement,
  PlainTextOption,
  SectionBlock,
} from "@slack/types";
import { escapePlainText } from "../../domain/text/mrkdwn.ts";
import { truncate } from "../../domain/text/truncate.ts";
import { LIMITS } from "./limits.ts";

/** Typed by Slack's own SDK types, so a misspelt field or a wrong element fails to compile. */
export type Block = KnownBlock;

/**
 * A modal the bot opens: always with a callback_id, which routes its submission, and only
 * known block types (Slack's `ModalView` also takes any `{ type: string }`, which checks nothing).
 */
export type Modal = Omit<ModalView, "blocks" | "callback_id"> & { callback_id: string; blocks: KnownBlock[] };

/** A modal that only informs (no submission to route): no callback_id needed. */
export type InfoModal = Omit<Modal, "callback_id">;

/** The Home tab, with the same narrowing. */
export type Home = Omit<HomeView, "blocks"> & { blocks: KnownBlock[] };

export const plain = (text: string, max: number = LIMITS.sectionText): PlainTextElement => ({
  type: "plain_text",
  text: truncate(escapePlainText(text), max) || " ",
  emoji: true,
});

export const mrkdwn = (text: string, max: number = LIMITS.sectionText): MrkdwnElement => ({
  type: "mrkdwn",
  text: truncate(text, max) || " ",
});

export const header = (text: string): HeaderBlock => ({
  type: "header",
  text: plain(text, LIMITS.headerText),
});

export const section = (text: string, extra: Partial<SectionBlock> = {}): SectionBlock => ({
  type: "section",
  text: mrkdwn(text),
  ...extra,
});

export const fields = (items: string[]): SectionBlock => ({
  type: "section",
  fields: items.slice(0, LIMITS.sectionFields).map((item) => mrkdwn(item, LIMITS.sectionField)),
});

export const context = (items: string[]): ContextBlock => ({
  type: "context",
  elements: items.slice(0, LIMITS.contextElements).map((item) => mrkdwn(item)),
});

export const divider = (): DividerBlock => ({ type: "divider" });

export interface ButtonOptions {
  actionId: string;
  text: string;
  value?: string;
  style?: "primary" | "danger";
  url?: string;
}

export const button = (options: ButtonOptions): Button => ({
  type: "button",
  action_id: options.actionId.slice(0, LIMITS.actionId),
  text: plain(options.text, LIMITS.buttonText),
  ...(options.value !== undefined ? { value: options.value.slice(0, LIMITS.buttonValue) } : {}),
  ...(options.style ? { style: options.style } : {}),
  ...(options.url ? { url: options.url } : {}),
});

export const actions = (blockId: string | undefined, elements: ActionsBlockElement[]): ActionsBlock => ({
  type: "actions",
  ...(blockId ? { block_id: blockId.slice(0, LIMITS.blockId) } : {}),
  elements: elements.slice(0, LIMITS.actionsElements),
});

export const option = (text: string, value: string): PlainTextOption => ({
  text: plain(text, LIMITS.optionText),
  value: value.slice(0, LIMITS.optionValue),
});

/** Message text (the notification fallback) cut to the limit we keep. */
export const messageText = (text: string) => truncate(text, LIMITS.messageText);

/** An input element without its action_id, which `input` fills in from the field's ids. */
type WithoutActionId<T> = T extends unknown ? Omit<T, "action_id"> : never;
export type InputElement = WithoutActionId<InputBlock["element"]>;

/** A form field: block_id and action_id from src/slack/ids.ts, so state is read back by them. */
export const input = (
  ids: { block: string; action: string },
  label: string,
  element: InputElement,
  extra: Pick<InputBlock, "optional" | "hint" | "dispatch_action"> = {},
): InputBlock => ({
  type: "input",
  block_id: ids.block,
  label: plain(label, LIMITS.inputLabel),
  // Adding action_id back to one member of the union is that member again; TS cannot see it.
  element: { ...element, action_id: ids.action } as InputBlock["element"],
  ...extra,
});
