// The postmortem draft's Markdown read back as blocks for the incident page: the subset the
// draft renderer writes, escapes undone into plain text (the template escapes it for HTML),
// and markup someone typed (escaped by the renderer) left as text, never as structure.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { markdownBlocks, parseSpans } from "../../../src/http/incidents/markdown-blocks.ts";

describe("markdownBlocks", () => {
  it("reads the draft's headings, lists, tables and code fence", () => {
    const blocks = markdownBlocks(readFileSync("test/fixtures/postmortem/rich-incident.golden.md", "utf8"));
    const kinds = new Set(blocks.map((b) => b.kind));
    expect(kinds).toEqual(new Set(["heading", "paragraph", "list", "table", "code"]));
    expect(blocks[0]).toEqual({
      kind: "heading",
      level: 1,
      spans: [{ kind: "text", text: "INC-42: Logs & metrics intake down | all regions" }],
    });
    const chronology = blocks.find(
      (b) => b.kind === "table" && b.head.some((cell) => cell[0]?.text === "Moment"),
    );
    expect(chronology?.kind === "table" && chronology.rows.length).toBeGreaterThan(10);
    // Every row of a table has as many cells as its head ("\|" in a cell is not a column).
    for (const block of blocks)
      if (block.kind === "table") for (const row of block.rows) expect(row).toHaveLength(block.head.length);
    expect(blocks.find((b) => b.kind === "code")).toMatchObject({ language: "mermaid" });
  });

  it("turns inline markup into spans and escapes back into text", () => {
    expect(parseSpans("**Status:** closed, `logs` in _eu1_ \\*not bold\\* \\<b\\>")).toEqual([
      { kind: "strong", text: "Status:" },
      { kind: "text", text: " closed, " },
      { kind: "code", text: "logs" },
      { kind: "text", text: " in " },
      { kind: "em", text: "eu1" },
      { kind: "text", text: " *not bold* <b>" },
    ]);
  });

  it("links only https addresses and keeps anything else as text", () => {
    expect(parseSpans("[message](https://example.slack.com/archives/C1/p1)")).toEqual([
      { kind: "link", text: "message", href: "https://example.slack.com/archives/C1/p1" },
    ]);
    expect(parseSpans("[x](javascript:alert(1))")).toEqual([
      { kind: "text", text: "[x](javascript:alert(1))" },
    ]);
  });

  it("keeps unbalanced markers as text", () => {
    expect(parseSpans("a ** b ` c _d")).toEqual([{ kind: "text", text: "a ** b ` c _d" }]);
  });
});
