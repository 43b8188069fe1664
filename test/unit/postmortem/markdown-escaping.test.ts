// Text someone typed must read as typed in the draft and never become markup: no mentions,
// links, HTML, emphasis, code, headings, lists, or extra table cells.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildPostmortem } from "../../../src/domain/postmortem/build.ts";
import {
  codeSpan,
  escapeBlock,
  escapeHeading,
  escapeInline,
  richToMarkdown,
  table,
} from "../../../src/domain/postmortem/markdown.ts";
import { renderMarkdown } from "../../../src/domain/postmortem/render.ts";
import { mermaidLabel } from "../../../src/domain/postmortem/sections/gantt.ts";
import { richIncident } from "../../fixtures/postmortem/rich-incident.ts";

const SPECIAL = new Set(["\\", "`", "*", "[", "]", "<", ">", "|", "~", "&"]);
const WORD = /[\p{L}\p{N}]/u;

/** Characters with a meaning that are not backslash-escaped (`_` only outside words). */
function unescapedSpecials(markdown: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown[i] as string;
    if (c === "\\") {
      i++;
      continue;
    }
    if (SPECIAL.has(c)) found.push(c);
    if (c === "_") {
      let j = i;
      while (markdown[j] === "_") j++;
      if (!(WORD.test(markdown[i - 1] ?? "") && WORD.test(markdown[j] ?? ""))) found.push("_");
      i = j - 1;
    }
  }
  return found;
}

/** What a Markdown reader shows for text with backslash escapes. */
const readAs = (markdown: string) => markdown.replace(/\\([!-/:-@[-`{-~])/g, "$1");

/** Pipes that split table cells (not escaped). */
const cellSeparators = (line: string) => line.replace(/\\./g, "").split("|").length - 1;

const nasty = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc
    .array(
      fc.constantFrom(
        "<!channel>",
        "<!here>",
        "<@U12345678>",
        "<!subteam^S123|@sre>",
        "|",
        "`",
        "```",
        "*",
        "**bold**",
        "_",
        "snake_case_name",
        "[x](https://evil.test)",
        "![i](https://evil.test/i.png)",
        "<script>alert(1)</script>",
        "&amp;",
        "\n",
        "\r\n",
        "# ",
        "> ",
        "- ",
        "+ ",
        "1. ",
        "2) ",
        "===",
        "---",
        "    ",
        "~~~",
        "\\",
        "é",
        "🔥",
        "\u200b",
        "\u202e",
        " ",
        "a",
      ),
      { maxLength: 20 },
    )
    .map((parts) => parts.join("")),
);

describe("escaping typed text for Markdown", () => {
  it("escapes the examples people actually paste", () => {
    expect(escapeInline("<!channel> deploy broke")).toBe("\\<!channel\\> deploy broke");
    expect(escapeInline("<@U123> said a|b")).toBe("\\<@U123\\> said a\\|b");
    expect(escapeInline("ran `rm -rf` twice")).toBe("ran \\`rm -rf\\` twice");
    expect(escapeInline("line one\nline two\r\nthree")).toBe("line one line two three");
    expect(escapeInline("# not a heading")).toBe("\\# not a heading");
    expect(escapeInline("1. not a list")).toBe("1\\. not a list");
    expect(escapeInline("- not a list")).toBe("\\- not a list");
    expect(escapeInline("[click](javascript:alert(1))")).toBe("\\[click\\](javascript:alert(1))");
    expect(escapeInline("snake_case stays, _emphasis_ does not")).toBe(
      "snake_case stays, \\_emphasis\\_ does not",
    );
    expect(escapeInline("Tom & Jerry &amp;")).toBe("Tom \\& Jerry \\&amp;");
    // Ordinary punctuation stays readable for the people who edit the draft.
    expect(escapeInline("us1-east v1.2 (retry) done!")).toBe("us1-east v1.2 (retry) done!");
  });

  it("never leaves a character with a meaning unescaped, and reads back as typed", () => {
    fc.assert(
      fc.property(nasty, (text) => {
        const escaped = escapeInline(text);
        expect(escaped).not.toMatch(/[\r\n]/);
        expect(unescapedSpecials(escaped)).toEqual([]);
        expect(readAs(escaped)).toBe(text.trim().replace(/\r\n?|\n/g, " "));
        expect(escaped).not.toMatch(/^([#>+=-]|\d+[.)]|\s)/);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps typed lines as lines in a block, none of them starting a block of its own", () => {
    expect(escapeBlock("first\n\n# second\n- third\n   1. fourth")).toBe(
      "first\n\n\\# second\n\\- third\n1\\. fourth",
    );
    fc.assert(
      fc.property(nasty, (text) => {
        for (const line of escapeBlock(text, "  ").split("\n")) {
          const content = line.replace(/^ {2}/, "");
          expect(content).not.toMatch(/^([#>+=*-]|\d+[.)]|\s|```|~~~)/);
          expect(unescapedSpecials(content)).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps every table row to its columns whatever the cells contain", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(nasty, nasty, nasty), { minLength: 1, maxLength: 5 }), (rows) => {
        const markdown = table(
          ["A", "B", "C"],
          rows.map(([a, b, c]) => [
            escapeInline(a),
            codeSpan(b, true),
            richToMarkdown([{ typed: c }, { code: b }], true),
          ]),
        );
        for (const line of markdown.split("\n")) expect(cellSeparators(line)).toBe(4);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps code spans to one line and one span, and headings from losing a trailing #", () => {
    expect(codeSpan("a`b|c\nd <!here>", true)).toBe("`a'b¦c d ‹!here›`");
    expect(codeSpan("a|b", false)).toBe("`a|b`");
    expect(codeSpan("", true)).toBe("");
    expect(escapeHeading("Team #")).toBe("Team \\#");
  });

  it("makes Mermaid labels that cannot break the chart", () => {
    expect(mermaidLabel("us1: recovering; #1 %% done")).toBe("us1 - recovering, No.1 pct pct done");
    expect(mermaidLabel("title Mr Smith")).toBe("· title Mr Smith");
    expect(mermaidLabel("Section 9")).toBe("· Section 9");
    expect(mermaidLabel("")).toBe("(unnamed)");
    fc.assert(
      fc.property(nasty, (text) => {
        const label = mermaidLabel(text);
        expect(label).not.toMatch(/[:;#%\r\n<>`"]/);
        expect(label.length).toBeLessThanOrEqual(60);
        expect(label).not.toMatch(/^(title|dateformat|axisformat|section|excludes|includes|click)\b/i);
      }),
      { numRuns: 300 },
    );
  });
});

describe("a draft full of hostile text", () => {
  const input = richIncident();
  const evil = "<!channel> | `x` **b** [l](javascript:alert(1)) <@U0ALEX0001>\n# H\n- li\n1. ol";
  input.incident.title = evil;
  input.incident.summary = evil;
  input.incident.rootCause = evil;
  input.incident.customerImpact = evil;
  input.incident.lessons = evil;
  input.userNames = new Map([...input.userNames].map(([id, name]) => [id, `${name} <!here> | ${"`"}`]));
  for (const entry of input.entries) {
    const data = entry.data as Record<string, unknown>;
    for (const key of ["text", "reason", "note", "message", "name", "service", "region", "workstream"]) {
      if (typeof data[key] === "string") data[key] = `${data[key]} ${evil}`;
    }
    if (data.brief) data.brief = Object.fromEntries(Object.keys(data.brief).map((k) => [k, evil]));
    entry.text = entry.text ? `${entry.text} ${evil}` : "";
    entry.permalink = entry.permalink ? "javascript:alert(1)" : null;
  }
  for (const h of input.handoffs) if (h.brief) h.brief = { currentState: evil, risks: evil };
  for (const a of input.actionItems) a.text = evil;
  for (const w of input.workstreams) w.name = `${w.name} | ${evil}`;
  for (const s of input.services) {
    s.service = `${s.service}|${evil}`;
    s.note = evil;
  }
  for (const m of input.milestones) m.note = evil;
  const markdown = renderMarkdown(buildPostmortem(input));
  const lines = markdown.split("\n");
  const fence = lines.indexOf("```mermaid");
  const fenceEnd = lines.indexOf("```", fence + 1);

  it("contains no mention, HTML, link or script, even inside code", () => {
    const unescaped = markdown.replace(/\\./g, "");
    // Code spans are literal text, but even there no mention markup survives.
    for (const code of unescaped.match(/`[^`\n]*`/g) ?? []) expect(code).not.toMatch(/<[!@#]|<script/i);
    const outsideCode = unescaped.replace(/`[^`\n]*`/g, "");
    expect(outsideCode).not.toContain("<");
    expect(outsideCode).not.toMatch(/\]\(javascript|\[l\]/);
  });

  it("keeps the document's structure: only its own headings, tables with whole rows", () => {
    const headings = lines.filter((line, i) => /^#/.test(line) && (i < fence || i > fenceEnd));
    for (const heading of headings) expect(heading).toMatch(/^(#|##|###|####) [A-Z]/);
    expect(headings.filter((h) => /^## /.test(h))).toEqual([
      "## Impact, chronology and response",
      "## Root cause",
      "## Recovery",
      "## Lessons learned",
      "## In closing",
      "## Appendix",
    ]);
    let columns = 0;
    for (const line of lines) {
      if (!line.startsWith("|")) {
        columns = 0;
        continue;
      }
      if (columns === 0) columns = cellSeparators(line);
      expect(cellSeparators(line), line).toBe(columns);
    }
    const top = lines.filter(
      (line, i) => (i < fence || i > fenceEnd) && /^(>|```|~~~| {4}\S|\d+[.)] |[*+] )/.test(line),
    );
    expect(top).toEqual([]);
  });

  it("keeps the Mermaid chart in the gantt grammar", () => {
    const chart = lines.slice(fence + 1, fenceEnd);
    expect(chart[0]).toBe("gantt");
    for (const line of chart.slice(1)) {
      expect(line).toMatch(
        /^ {4}(title [^#;\n]+|dateFormat YYYY-MM-DD HH:mm|axisFormat [^#;\n]+|section [^:;#%\n]+|[^:;#%\n]+ :((crit|active|done), )?\d{4}-\d\d-\d\d \d\d:\d\d, \d{4}-\d\d-\d\d \d\d:\d\d|[^:;#%\n]+ :milestone, \d{4}-\d\d-\d\d \d\d:\d\d, 0m)$/,
      );
    }
  });
});
