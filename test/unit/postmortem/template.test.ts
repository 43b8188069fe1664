// Postmortem templates: placeholders, sections, comments, and problems reported with their
// line and column (at start-up, through the configuration).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config.ts";
import { buildPostmortem } from "../../../src/domain/postmortem/build.ts";
import { BUILTIN_TEMPLATE } from "../../../src/domain/postmortem/builtin-template.ts";
import { renderMarkdown } from "../../../src/domain/postmortem/render.ts";
import { fillTemplate, parseTemplate, SECTIONS, VALUES } from "../../../src/domain/postmortem/template.ts";
import { postmortemTemplate } from "../../../src/services/postmortem/template-file.ts";
import { richIncident } from "../../fixtures/postmortem/rich-incident.ts";

function problems(source: string): string[] {
  const parsed = parseTemplate(source);
  return parsed.ok ? [] : parsed.problems;
}

describe("parsing templates", () => {
  it("accepts the built-in template, which uses every section", () => {
    const parsed = parseTemplate(BUILTIN_TEMPLATE);
    expect(parsed.ok).toBe(true);
    for (const section of SECTIONS) expect(BUILTIN_TEMPLATE).toContain(`{{section:${section}}}`);
  });

  it("reports each problem with its line and column, and suggests the name meant", () => {
    expect(
      problems("# {{title}}\n\n{{section:timelin}}\n{{titel}} and {{}}\nx {{section:gantt}}\n{{ open"),
    ).toEqual([
      "line 3, column 1: unknown section {{section:timelin}} (did you mean {{section:timeline}}?); sections: header, impact, chronology, response, root-cause, recovery, lessons, action-items, closing, metrics, shifts, gantt, timeline, access",
      `line 4, column 1: unknown placeholder {{titel}} (did you mean {{title}}?); values: ${VALUES.join(", ")}`,
      'line 4, column 15: empty placeholder "{{}}"',
      "line 5, column 3: {{section:gantt}} must be alone on its line (a section is a block of Markdown)",
      'line 6, column 1: "{{" is never closed with "}}"',
    ]);
    expect(problems("no placeholders at all")).toEqual([
      "uses no placeholders, so every draft would be the same text (see README, Postmortem)",
    ]);
    expect(problems("{{title}}".padEnd(300_000, " "))[0]).toMatch(/a template is at most 262144/);
  });

  it("drops comments (with their line), and accepts spacing and case in names", () => {
    const parsed = parseTemplate(
      "{{! for the authors }}\n# {{ Title }} / {{generated-at}}\n{{ SECTION : closing }}\n",
    );
    if (!parsed.ok) throw new Error(parsed.problems.join());
    const filled = fillTemplate(
      parsed.template,
      (name) => `<${name}>`,
      (name) => `[${name}]`,
    );
    expect(filled).toBe("# <title> / <generated_at>\n[closing]\n");
  });

  it("fills values escaped and renders only the sections used", () => {
    const parsed = parseTemplate(
      "Title: {{title}} | {{severity}} | {{commanders}}\n\n{{section:action-items}}\n",
    );
    if (!parsed.ok) throw new Error(parsed.problems.join());
    const input = richIncident();
    input.incident.title = "a | b <!here>";
    const markdown = renderMarkdown(buildPostmortem(input), parsed.template);
    expect(markdown.split("\n")[0]).toBe(
      "Title: a \\| b \\<!here\\> | SEV1 (critical) | Alex Moreau, Hana Sato, Jo Smith, Kim Ji-woo",
    );
    expect(markdown).toContain("| # | Action | Owner | Status | Added |");
    expect(markdown).not.toContain("Full timeline");
  });
});

describe("the configured template", () => {
  const dir = mkdtempSync(join(tmpdir(), "postmortem-template-"));
  const env = { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "secret" };

  it("is refused at start-up with every problem, its file, line and column", () => {
    const path = join(dir, "bad.md");
    writeFileSync(path, "# {{title}}\n{{section:chronolgy}}\n{{nope}}\n");
    let error: unknown;
    try {
      loadConfig({ ...env, POSTMORTEM_TEMPLATE: path });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const messages = (error as ConfigError).problems;
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain(
      `POSTMORTEM_TEMPLATE ${path} line 2, column 1: unknown section {{section:chronolgy}} (did you mean {{section:chronology}}?)`,
    );
    expect(messages[1]).toContain(
      `POSTMORTEM_TEMPLATE ${path} line 3, column 1: unknown placeholder {{nope}}`,
    );
  });

  it("is used when valid, as read at start-up", () => {
    const path = join(dir, "good.md");
    writeFileSync(path, "# Our postmortem of INC-{{number}}\n\n{{section:chronology}}\n");
    const config = loadConfig({ ...env, POSTMORTEM_TEMPLATE: path });
    // Edited after start-up into something invalid: the checked version stays in use.
    writeFileSync(path, "{{broken");
    const markdown = renderMarkdown(
      buildPostmortem(richIncident()),
      postmortemTemplate(config.incidents.postmortemTemplate),
    );
    expect(markdown.startsWith("# Our postmortem of INC-42\n\n| Time (UTC) |")).toBe(true);
  });

  it("falls back to the built-in template when none is configured", () => {
    const config = loadConfig(env);
    const markdown = renderMarkdown(
      buildPostmortem(richIncident()),
      postmortemTemplate(config.incidents.postmortemTemplate),
    );
    expect(markdown).toBe(renderMarkdown(buildPostmortem(richIncident())));
  });
});
