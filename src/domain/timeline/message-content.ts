// The words of a Slack message as a person reads them. Alerting tools often leave `text`
// empty (or a short fallback) and put everything in legacy attachments or in blocks, so a
// message shortcut ("Declare from message", "Add to incident timeline") takes
// the fullest of the three. Pure: the message is the JSON Slack sent in the shortcut payload.

import { withoutControlCharacters } from "../text/control-characters.ts";

export interface ShortcutMessage {
  text?: string | undefined;
  attachments?: unknown[] | undefined;
  blocks?: unknown[] | undefined;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null;
const str = (value: unknown): string => (typeof value === "string" ? value.trim() : "");
/** A text object ({type, text}) or a plain string. */
const textOf = (value: unknown): string => (isObject(value) ? str(value.text) : str(value));

function attachmentText(attachment: unknown): { title: string; body: string } {
  if (!isObject(attachment)) return { title: "", body: "" };
  const title = str(attachment.title);
  const fields = Array.isArray(attachment.fields)
    ? attachment.fields
        .filter(isObject)
        .map((f) => [str(f.title), str(f.value)].filter(Boolean).join(": "))
        .filter(Boolean)
    : [];
  const lines = [str(attachment.pretext), title, str(attachment.text), ...fields].filter(Boolean);
  const body = lines.length ? lines.join("\n") : str(attachment.fallback);
  return { title: title || str(attachment.fallback).split("\n")[0] || "", body };
}

/** Text of rich_text elements, depth first (sections, lists, quotes, preformatted). */
function richText(element: unknown): string {
  if (!isObject(element)) return "";
  if (element.type === "text") return typeof element.text === "string" ? element.text : "";
  if (element.type === "link") return str(element.text) || str(element.url);
  if (element.type === "user") return `<@${str(element.user_id)}>`;
  if (element.type === "channel") return `<#${str(element.channel_id)}>`;
  if (element.type === "emoji") return `:${str(element.name)}:`;
  if (!Array.isArray(element.elements)) return "";
  const parts = element.elements.map(richText);
  return element.type === "rich_text_list" ? parts.map((p) => `• ${p}`).join("\n") : parts.join("");
}

function blockText(block: unknown): { header: string; body: string } {
  if (!isObject(block)) return { header: "", body: "" };
  switch (block.type) {
    case "header":
      return { header: textOf(block.text), body: textOf(block.text) };
    case "section": {
      const fields = Array.isArray(block.fields) ? block.fields.map(textOf).filter(Boolean) : [];
      return { header: "", body: [textOf(block.text), ...fields].filter(Boolean).join("\n") };
    }
    case "context": {
      const parts = Array.isArray(block.elements) ? block.elements.map(textOf).filter(Boolean) : [];
      return { header: "", body: parts.join(" ") };
    }
    case "rich_text": {
      const parts = Array.isArray(block.elements) ? block.elements.map(richText) : [];
      return { header: "", body: parts.join("\n").trim() };
    }
    default:
      return { header: "", body: "" };
  }
}

export interface MessageContent {
  /** A one-line headline: a header block, an attachment title, else the first line. */
  headline: string;
  /** Everything the message says, from whichever of text / blocks / attachments says most. */
  body: string;
}

export function messageContent(message: ShortcutMessage): MessageContent {
  const text = str(message.text);
  const blocks = (message.blocks ?? []).map(blockText);
  const attachments = (message.attachments ?? []).map(attachmentText);
  const fromBlocks = blocks
    .map((b) => b.body)
    .filter(Boolean)
    .join("\n");
  const fromAttachments = attachments
    .map((a) => a.body)
    .filter(Boolean)
    .join("\n");
  // Slack's `text` beside blocks is a notification fallback; the blocks say more when longer.
  const candidates = [text, fromBlocks, fromAttachments].filter(Boolean);
  const body = candidates.reduce((best, c) => (c.length > best.length ? c : best), "");
  const firstLine = (s: string) =>
    s
      .split("\n")
      .map((l) => l.trim())
      .find(Boolean) ?? "";
  const headline =
    blocks.find((b) => b.header)?.header ||
    attachments.find((a) => a.title)?.title ||
    firstLine(text) ||
    firstLine(body);
  // Invisible control characters mean nothing in a record (and PostgreSQL refuses U+0000).
  return { headline: withoutControlCharacters(headline), body: withoutControlCharacters(body) };
}
