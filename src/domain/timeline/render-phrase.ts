// Phrases to text: Slack mrkdwn (mentions are real, typed text escaped) or Markdown files
// (people by name, typed text escaped for Markdown).
import { escapeMrkdwn, mentionUser } from "../text/mrkdwn.ts";
import type { Phrase } from "./describe.ts";

export function phraseToMrkdwn(phrase: Phrase): string {
  return phrase
    .map((part) => {
      if (typeof part === "string") return part;
      if ("user" in part)
        return /^[UW][A-Z0-9]+$/.test(part.user) ? mentionUser(part.user) : escapeMrkdwn(part.user);
      if ("typed" in part) return escapeMrkdwn(part.typed);
      if ("code" in part) return `\`${escapeMrkdwn(part.code).replace(/`/g, "'")}\``;
      return `*${escapeMrkdwn(part.strong)}*`;
    })
    .join("");
}

/** Characters that carry meaning in CommonMark/GFM (tables included), escaped with a backslash. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");
}

export function phraseToMarkdown(phrase: Phrase, nameOf: (userId: string) => string = (id) => id): string {
  return phrase
    .map((part) => {
      if (typeof part === "string") return part;
      if ("user" in part) return `@${escapeMarkdown(nameOf(part.user))}`;
      if ("typed" in part) return escapeMarkdown(part.typed);
      if ("code" in part) return `\`${part.code.replace(/`/g, "'").replace(/\|/g, "\\|")}\``;
      return `**${escapeMarkdown(part.strong)}**`;
    })
    .join("");
}

/** Plain text (notification fallbacks, logs). */
export function phraseToPlain(phrase: Phrase, nameOf: (userId: string) => string = (id) => `@${id}`): string {
  return phrase
    .map((part) => {
      if (typeof part === "string") return part;
      if ("user" in part) return nameOf(part.user);
      if ("typed" in part) return part.typed;
      if ("code" in part) return part.code;
      return part.strong;
    })
    .join("");
}
