// The postmortem draft's Markdown as blocks and spans, for the incident page to show it as a
// document rather than source. It reads only the subset src/domain/postmortem/render.ts writes
// (headings, paragraphs, "- " lists, pipe tables, fenced code, **strong**, _emphasis_, `code`,
// [text](https://…) links, backslash escapes). It produces data, never HTML: the eta template
// escapes every span, so whatever a person typed into the incident stays text.

export type Span =
  | { kind: "text" | "strong" | "em" | "code"; text: string }
  | { kind: "link"; text: string; href: string };

export type Block =
  | { kind: "heading"; level: number; spans: Span[] }
  | { kind: "paragraph"; spans: Span[] }
  | { kind: "list"; items: Span[][] }
  | { kind: "table"; head: Span[][]; rows: Span[][][] }
  | { kind: "code"; language: string; text: string };

const ESCAPABLE = "\\`*_{}[]()#+-.!|<>~&";

/** Inline Markdown to spans. Unknown or unbalanced markers stay as text. */
export function parseSpans(source: string): Span[] {
  const spans: Span[] = [];
  let text = "";
  const flush = () => {
    if (text) spans.push({ kind: "text", text });
    text = "";
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    const next = source[i + 1];
    if (c === "\\" && next !== undefined && ESCAPABLE.includes(next)) {
      text += next;
      i += 2;
      continue;
    }
    if (c === "`") {
      const end = source.indexOf("`", i + 1);
      if (end > i) {
        flush();
        spans.push({ kind: "code", text: source.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (c === "*" && next === "*") {
      const end = findClosing(source, "**", i + 2);
      if (end > i + 2) {
        flush();
        spans.push({ kind: "strong", text: plain(source.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if (c === "_" && (i === 0 || /[\s(]/.test(source[i - 1] as string))) {
      const end = findClosing(source, "_", i + 1);
      if (end > i + 1 && (end + 1 >= source.length || /[\s.,;:!?)]/.test(source[end + 1] as string))) {
        flush();
        spans.push({ kind: "em", text: plain(source.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (c === "[") {
      const link = /^\[([^\]\\]*(?:\\.[^\]\\]*)*)\]\((https:\/\/[^\s()]+)\)/.exec(source.slice(i));
      if (link) {
        flush();
        spans.push({ kind: "link", text: plain(link[1] as string), href: link[2] as string });
        i += link[0].length;
        continue;
      }
    }
    text += c;
    i += 1;
  }
  flush();
  return spans;
}

/** The next unescaped `marker` at or after `from`, or -1. */
function findClosing(source: string, marker: string, from: number): number {
  for (let i = from; i < source.length; i++) {
    if (source[i] === "\\") {
      i += 1;
      continue;
    }
    if (source.startsWith(marker, i)) return i;
  }
  return -1;
}

/** Inline Markdown flattened to its text (inside emphasis: no nesting needed by the draft). */
function plain(source: string): string {
  return parseSpans(source)
    .map((span) => span.text)
    .join("");
}

/** Cells of a pipe-table row; `\|` is a pipe inside a cell. */
function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  const out: string[] = [];
  let cell = "";
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === "\\" && inner[i + 1] !== undefined) {
      cell += inner.slice(i, i + 2);
      i += 1;
    } else if (inner[i] === "|") {
      out.push(cell.trim());
      cell = "";
    } else cell += inner[i];
  }
  out.push(cell.trim());
  return out;
}

const DELIMITER_ROW = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/;

export function markdownBlocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (!line.trim()) {
      i += 1;
      continue;
    }
    const fence = /^```(\S*)\s*$/.exec(line);
    if (fence) {
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !/^```\s*$/.test(lines[i] as string)) body.push(lines[i++] as string);
      i += 1;
      blocks.push({ kind: "code", language: fence[1] ?? "", text: body.join("\n") });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push({
        kind: "heading",
        level: (heading[1] as string).length,
        spans: parseSpans(heading[2] as string),
      });
      i += 1;
      continue;
    }
    if (line.trimStart().startsWith("|") && DELIMITER_ROW.test((lines[i + 1] ?? "").trim())) {
      const head = cells(line).map(parseSpans);
      const rows: Span[][][] = [];
      i += 2;
      while (i < lines.length && (lines[i] as string).trimStart().startsWith("|"))
        rows.push(cells(lines[i++] as string).map(parseSpans));
      blocks.push({ kind: "table", head, rows });
      continue;
    }
    if (/^\s*[-*] /.test(line)) {
      const items: Span[][] = [];
      while (i < lines.length && /^\s*[-*] /.test(lines[i] as string))
        items.push(parseSpans((lines[i++] as string).replace(/^\s*[-*] /, "")));
      blocks.push({ kind: "list", items });
      continue;
    }
    const paragraph: string[] = [];
    while (
      i < lines.length &&
      (lines[i] as string).trim() &&
      !/^(#{1,6}\s|```|\s*[-*] |\s*\|)/.test(lines[i] as string)
    )
      paragraph.push((lines[i++] as string).trim());
    if (!paragraph.length) {
      // A line no rule above took (a lone "|" line): shown as it is.
      paragraph.push(line.trim());
      i += 1;
    }
    blocks.push({ kind: "paragraph", spans: parseSpans(paragraph.join(" ")) });
  }
  return blocks;
}
