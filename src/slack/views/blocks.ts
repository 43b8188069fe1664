// Small Block Kit constructors that keep every piece inside Slack's limits. Text passed to
// them is already mrkdwn built by the bot: user text must have been escaped by the caller.
import { escapePlainText } from "../../domain/text/mrkdwn.ts";
import { truncate } from "../../domain/text/truncate.ts";
import { LIMITS } from "./limits.ts";

export type Block = Record<string, unknown>;

export const plain = (text: string, max: number = LIMITS.sectionText) => ({
  type: "plain_text",
  text: truncate(escapePlainText(text), max) || " ",
  emoji: true,
});

export const mrkdwn = (text: string, max: number = LIMITS.sectionText) => ({
  type: "mrkdwn",
  text: truncate(text, max) || " ",
});

export const header = (text: string): Block => ({ type: "header", text: plain(text, LIMITS.headerText) });

export const section = (text: string, extra: Record<string, unknown> = {}): Block => ({
  type: "section",
  text: mrkdwn(text),
  ...extra,
});

export const fields = (items: string[]): Block => ({
  type: "section",
  fields: items.slice(0, LIMITS.sectionFields).map((item) => mrkdwn(item, LIMITS.sectionField)),
});

export const context = (items: string[]): Block => ({
  type: "context",
  elements: items.slice(0, LIMITS.contextElements).map((item) => mrkdwn(item)),
});

export const divider = (): Block => ({ type: "divider" });

export interface ButtonOptions {
  actionId: string;
  text: string;
  value?: string;
  style?: "primary" | "danger";
  url?: string;
}

export const button = (options: ButtonOptions) => ({
  type: "button",
  action_id: options.actionId.slice(0, LIMITS.actionId),
  text: plain(options.text, LIMITS.buttonText),
  ...(options.value !== undefined ? { value: options.value.slice(0, LIMITS.buttonValue) } : {}),
  ...(options.style ? { style: options.style } : {}),
  ...(options.url ? { url: options.url } : {}),
});

export const actions = (blockId: string | undefined, elements: unknown[]): Block => ({
  type: "actions",
  ...(blockId ? { block_id: blockId.slice(0, LIMITS.blockId) } : {}),
  elements: elements.slice(0, LIMITS.actionsElements),
});

export const option = (text: string, value: string) => ({
  text: plain(text, LIMITS.optionText),
  value: value.slice(0, LIMITS.optionValue),
});

/** Message text (the notification fallback) cut to the limit we keep. */
export const messageText = (text: string) => truncate(text, LIMITS.messageText);
