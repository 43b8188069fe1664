// Markdown (CommonMark + GitHub tables) for the draft, with every piece of text someone typed
// escaped so that it reads as typed and can never become markup: no mentions, links, HTML,
// emphasis, headings, lists or table cells it did not come with. The draft is meant to be
// edited by people, so only characters that could mean something are escaped (not every `-`
// or `.`), and multi-line text keeps its lines as paragraphs.
import type { RichText } from "./document.ts";

const WORD = /[\p{L}\p{N}]/u;

/**
 * Escapes characters that carry meaning anywhere in a line: `\` `` ` `` `*` `[` `]` `<` `>`
 * `|` `~` `&`, and `_` unless it sits inside a word (where GitHub never reads it as emphasis).
 * Newlines become spaces. Line-start markers are `escapeLineStart`'s job.
 */
export function escapeChars(text: string): string {
  return text
    .replace(/\r\n?|\n/g, " ")
    .replace(/_+|[\\`*[\]<>|~&]/g, (match, offset: number, whole: string) => {
      if (match[0] !== "_") return `\\${match}`;
      const inWord = WORD.test(whole[offset - 1] ?? "") && WORD.test(whole[offset + match.length] ?? "");
      return inWord ? match : match.replace(/_/g, "\\_");
    });
}

/** Escapes what would start a block at the beginning of a line: headings, quotes, lists, setext lines. */
export function escapeLineStart(text: string): string {
  return text.replace(/^([#>+=-])/, "\\$1").replace(/^(\d{1,9})([.)])/, "$1\\$2");
}

/** Typed text for use inside a line, a list item or a table cell. */
export function escapeInline(text: string): string {
  return escapeLineStart(escapeChars(text.trim()));
}

/**
 * Typed text as its own block, keeping its lines as typed (each escaped as the start of a
 * line) and blank lines as paragraph breaks. `indent` keeps continuation lines inside a list item.
 */
export function escapeBlock(text: string, indent = ""): string {
  return text
    .split(/(?:\r\n?|\n)\s*(?:\r\n?|\n)/)
    .map((paragraph) =>
      paragraph
        .split(/\r\n?|\n/)
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => escapeLineStart(escapeChars(line)))
        .join(`\n${indent}`),
    )
    .filter(Boolean)
    .join(`\n\n${indent}`);
}

/** Text for a heading: inline-escaped, and a trailing `#` run kept as text. */
export function escapeHeading(text: string): string {
  return escapeInline(text).replace(/(^|\s)(#+)\s*$/, "$1\\$2");
}

/**
 * A code span that stays one span and one line. Nothing can be escaped inside a code span, so
 * characters that would end it or leak out are replaced by look-alikes: backticks by quotes,
 * angle brackets by ‹ › (no `<!channel>` even in code, whatever later reads the text), and in
 * tables pipes by ¦ (a table splits its cells before it reads code spans).
 */
export function codeSpan(text: string, inTable: boolean): string {
  const code = text
    .replace(/\r\n?|\n/g, " ")
    .replace(/`/g, "'")
    .replace(/</g, "‹")
    .replace(/>/g, "›")
    .trim();
  if (!code) return "";
  return `\`${inTable ? code.replace(/\|/g, "¦") : code}\``;
}

/** A code span of the bot's own words (a command to type), shown exactly as written. */
export const command = (text: string): string => `\`${text}\``;

/** Rich text as Markdown: people by name, typed text escaped, identifiers as code. */
export function richToMarkdown(rich: RichText, inTable = false): string {
  let out = "";
  for (const part of rich) {
    if (typeof part === "string") out += escapeChars(part);
    else if ("person" in part) out += escapeChars(part.person.name);
    else if ("typed" in part) out += escapeChars(part.typed);
    else if ("code" in part) out += codeSpan(part.code, inTable);
    else if (part.strong.trim()) out += `**${escapeChars(part.strong.trim())}**`;
  }
  return escapeLineStart(out.trim());
}

/** A GitHub table. Cells must already be escaped Markdown. */
export function table(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c || " ").join(" | ")} |`;
  return [line(headers), `|${headers.map(() => "---").join("|")}|`, ...rows.map(line)].join("\n");
}

/** A bulleted list of already escaped items. */
export function bullets(items: string[]): string {
  return items.map((item) => `- ${item}`).join("\n");
}

/** Emphasised guidance for the authors (trusted text). */
export function prompt(text: string): string {
  return `_${escapeChars(text)}_`;
}
