// Postmortem templates: Markdown with a small set of placeholders. `{{name}}` inserts one
// value (escaped, on one line); `{{section:name}}`, alone on its line, inserts a whole
// section; `{{! … }}` is a comment for the template's authors. Parsing reports every problem
// with its line and column, so a bad template is refused when the bot starts, not at close.

export const SECTIONS = [
  "header",
  "impact",
  "chronology",
  "response",
  "root-cause",
  "recovery",
  "lessons",
  "action-items",
  "closing",
  "metrics",
  "shifts",
  "gantt",
  "timeline",
  "access",
] as const;
export type SectionName = (typeof SECTIONS)[number];

export const VALUES = [
  "number",
  "title",
  "status",
  "severity",
  "started",
  "ended",
  "duration",
  "commanders",
  "generated_at",
  "channel",
  "summary",
  "customer_impact",
  "root_cause",
  "lessons",
] as const;
export type ValueName = (typeof VALUES)[number];

export type TemplatePiece = { text: string } | { value: ValueName } | { section: SectionName };

export interface Template {
  pieces: TemplatePiece[];
}

export type ParsedTemplate = { ok: true; template: Template } | { ok: false; problems: string[] };

/** Templates are documents, not data dumps: anything larger is a mistake (a wrong file). */
export const TEMPLATE_MAX_CHARS = 256 * 1024;

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(
        (row[j] as number) + 1,
        (row[j - 1] as number) + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length] as number;
}

function suggestion(name: string): string {
  const known = [...VALUES.map((v) => v as string), ...SECTIONS.map((s) => `section:${s}`)];
  const best = known
    .map((k) => ({ k, d: distance(name.toLowerCase(), k) }))
    .sort((a, b) => a.d - b.d || (a.k < b.k ? -1 : 1))[0];
  return best && best.d <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean {{${best.k}}}?)` : "";
}

/** Line and column (1-based) of `offset` in `text`. */
function position(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

function aloneOnLine(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const lineEnd = text.indexOf("\n", end);
  return (
    text.slice(lineStart, start).trim() === "" &&
    text.slice(end, lineEnd === -1 ? text.length : lineEnd).trim() === ""
  );
}

export function parseTemplate(source: string): ParsedTemplate {
  const problems: string[] = [];
  if (source.length > TEMPLATE_MAX_CHARS)
    return {
      ok: false,
      problems: [`is ${source.length} characters long; a template is at most ${TEMPLATE_MAX_CHARS}`],
    };
  const text = source.replace(/\r\n?/g, "\n");
  const pieces: TemplatePiece[] = [];
  let cursor = 0;
  let placeholders = 0;
  while (cursor < text.length) {
    const open = text.indexOf("{{", cursor);
    if (open === -1) break;
    pieces.push({ text: text.slice(cursor, open) });
    const close = text.indexOf("}}", open + 2);
    const nextOpen = text.indexOf("{{", open + 2);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      problems.push(`${position(text, open)}: "{{" is never closed with "}}"`);
      cursor = open + 2;
      continue;
    }
    const inner = text.slice(open + 2, close).trim();
    const end = close + 2;
    cursor = end;
    if (inner.startsWith("!")) {
      // A comment on a line of its own takes the line with it.
      if (aloneOnLine(text, open, end) && text[end] === "\n") cursor = end + 1;
      continue;
    }
    placeholders++;
    const where = position(text, open);
    if (!inner) {
      problems.push(`${where}: empty placeholder "{{}}"`);
      continue;
    }
    const section = /^section\s*:\s*(.*)$/i.exec(inner);
    if (section) {
      const name = (section[1] ?? "").trim().toLowerCase();
      if (!(SECTIONS as readonly string[]).includes(name)) {
        problems.push(
          `${where}: unknown section {{${inner}}}${suggestion(`section:${name}`)}; sections: ${SECTIONS.join(", ")}`,
        );
        continue;
      }
      if (!aloneOnLine(text, open, end)) {
        problems.push(`${where}: {{${inner}}} must be alone on its line (a section is a block of Markdown)`);
        continue;
      }
      pieces.push({ section: name as SectionName });
      continue;
    }
    const value = inner.toLowerCase().replace(/[\s-]+/g, "_");
    if (!(VALUES as readonly string[]).includes(value)) {
      problems.push(
        `${where}: unknown placeholder {{${inner}}}${suggestion(inner)}; values: ${VALUES.join(", ")}`,
      );
      continue;
    }
    pieces.push({ value: value as ValueName });
  }
  pieces.push({ text: text.slice(cursor) });
  if (!problems.length && placeholders === 0)
    problems.push("uses no placeholders, so every draft would be the same text (see README, Postmortem)");
  return problems.length
    ? { ok: false, problems }
    : { ok: true, template: { pieces: pieces.filter((p) => !("text" in p) || p.text !== "") } };
}

/** Fills a template; sections are rendered only when the template uses them. */
export function fillTemplate(
  template: Template,
  values: (name: ValueName) => string,
  sections: (name: SectionName) => string,
): string {
  const out = template.pieces
    .map((piece) =>
      "text" in piece ? piece.text : "value" in piece ? values(piece.value) : sections(piece.section),
    )
    .join("");
  return `${out.replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}
