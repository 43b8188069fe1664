// The draft of fixed incidents, as Markdown and JSON, compared with committed golden files
// (see golden.ts for how to update them after a deliberate change).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPostmortem } from "../../../src/domain/postmortem/build.ts";
import { renderJson, renderMarkdown } from "../../../src/domain/postmortem/render.ts";
import { parseTemplate } from "../../../src/domain/postmortem/template.ts";
import { minimalIncident } from "../../fixtures/postmortem/minimal-incident.ts";
import { richIncident } from "../../fixtures/postmortem/rich-incident.ts";
import { expectGolden } from "./golden.ts";

describe("postmortem golden files", () => {
  it("renders the rich incident as Markdown", () => {
    expectGolden("rich-incident.golden.md", renderMarkdown(buildPostmortem(richIncident())));
  });

  it("renders the rich incident as JSON with the same content", () => {
    const json = renderJson(buildPostmortem(richIncident()));
    expectGolden("rich-incident.golden.json.txt", json);
    const parsed = JSON.parse(json);
    expect(parsed.format).toBe("incident-bot.postmortem/1");
    // Every entry has its row, except role changes made by an accepted handoff (its row says it).
    const shown = new Set(parsed.appendix.timeline.map((row: { id: number }) => row.id));
    const left = richIncident().entries.filter((e) => !shown.has(e.id));
    expect(left.map((e) => [e.kind, (e.data as { handoffId?: unknown }).handoffId])).toEqual([
      ["role_assigned", 1],
      ["role_assigned", 2],
      ["role_assigned", 3],
      ["role_assigned", 4],
    ]);
  });

  it("renders times in UTC only when no display time zone is configured", () => {
    const markdown = renderMarkdown(buildPostmortem(richIncident({ displayTimeZone: null })));
    expect(markdown).not.toContain("Asia/Seoul");
    expectGolden("rich-incident-utc.golden.md", markdown);
  });

  it("renders the rich incident in Korean with the same structure (POSTMORTEM_LOCALE=ko)", () => {
    const markdown = renderMarkdown(buildPostmortem(richIncident(), { locale: "ko" }));
    expectGolden("rich-incident-ko.golden.md", markdown);
  });

  it("renders an open incident with almost nothing recorded, in Korean too", () => {
    expectGolden(
      "minimal-incident-ko.golden.md",
      renderMarkdown(buildPostmortem(minimalIncident(), { locale: "ko" })),
    );
  });

  it("renders an open incident with almost nothing recorded, with prompts for the authors", () => {
    const markdown = renderMarkdown(buildPostmortem(minimalIncident()));
    expectGolden("minimal-incident.golden.md", markdown);
  });

  it("renders through the example template shipped in the repository", () => {
    const parsed = parseTemplate(
      readFileSync(join(import.meta.dirname, "../../../postmortem-template.example.md"), "utf8"),
    );
    if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
    expectGolden(
      "rich-incident-example-template.golden.md",
      renderMarkdown(buildPostmortem(richIncident()), parsed.template),
    );
  });
});
