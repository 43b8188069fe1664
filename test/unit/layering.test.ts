// The layering rules (.dependency-cruiser.cjs) catch what they promise to catch: a probe tree
// with one wrong import per rule must fail on exactly those rules. `npm run lint` checks src/.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { cruise, type IConfiguration, type IReporterOutput } from "dependency-cruiser";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const config = createRequire(import.meta.url)(join(root, ".dependency-cruiser.cjs")) as IConfiguration;

/** An import statement: its clause (after `import`) and where from. */
const IMPORT = /^import\s+([^;]*?)\s*from\s+"([^"]+)";/gms;

const probe = mkdtempSync(join(tmpdir(), "layering-probe-"));
afterAll(() => rmSync(probe, { recursive: true, force: true }));

function write(path: string, text: string) {
  mkdirSync(dirname(join(probe, path)), { recursive: true });
  writeFileSync(join(probe, path), text);
}

/** Cruises the probe tree from its own folder and returns "rule: from → to" lines. */
async function violationsOf(files: Record<string, string>): Promise<string[]> {
  for (const [path, text] of Object.entries(files)) write(path, text);
  const cwd = process.cwd();
  process.chdir(probe);
  try {
    const result = (await cruise(["src"], {
      ruleSet: { forbidden: config.forbidden },
      validate: true,
      doNotFollow: { path: "node_modules" },
      tsPreCompilationDeps: true,
      parser: "swc",
    })) as IReporterOutput;
    const output = result.output as {
      summary: { violations: { rule: { name: string }; from: string; to: string }[] };
    };
    return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
  } finally {
    process.chdir(cwd);
  }
}

describe("the layering rules", () => {
  it("refuse a domain module importing the database (values or types), a service rendering Slack, a listener querying, a cycle", async () => {
    const violations = await violationsOf({
      "src/db/client.ts": "export const client = 1;\nexport type Row = { id: number };\n",
      "src/domain/incident/severity.ts":
        'import { client } from "../../db/client.ts";\nexport const s = client;\n',
      // Types too: the domain names its own records (the swc parser sees every import as a value).
      "src/domain/incident/status.ts":
        'import type { Row } from "../../db/client.ts";\nexport type Status = Row;\n',
      "src/slack/views/blocks.ts": "export const section = (t: string) => ({ type: 'section', text: t });\n",
      "src/services/change-severity.ts":
        'import { section } from "../slack/views/blocks.ts";\nexport const change = () => section("x");\n',
      "src/slack/listeners/commands/sev.ts":
        'import { client } from "../../../db/client.ts";\nexport const sev = client;\n',
      "src/domain/a.ts": 'import { b } from "./b.ts";\nexport const a = () => b;\n',
      "src/domain/b.ts": 'import { a } from "./a.ts";\nexport const b = () => a;\n',
    });
    expect(violations).toEqual(
      expect.arrayContaining([
        "domain-is-pure: src/domain/incident/severity.ts → src/db/client.ts",
        "domain-is-pure: src/domain/incident/status.ts → src/db/client.ts",
        "use-cases-do-not-render-or-deliver: src/services/change-severity.ts → src/slack/views/blocks.ts",
        "listeners-do-not-query: src/slack/listeners/commands/sev.ts → src/db/client.ts",
        "only-db-holds-the-client: src/slack/listeners/commands/sev.ts → src/db/client.ts",
        "no-cycles: src/domain/a.ts → src/domain/b.ts",
      ]),
    );
  });

  it("let views take only types from services (the rule the parser cannot check)", () => {
    const views = readdirSync(join(root, "src/slack/views"), { recursive: true, encoding: "utf8" });
    const valueImports = views
      .filter((file) => file.endsWith(".ts"))
      .flatMap((file) =>
        [...readFileSync(join(root, "src/slack/views", file), "utf8").matchAll(IMPORT)]
          .filter(([, clause, from]) => from?.includes("/services/") && !clause?.startsWith("type "))
          .map(([statement]) => `${file}: ${statement}`),
      );
    expect(valueImports).toEqual([]);
    // The check sees a value import when there is one.
    const probeText = 'import { PAGE } from "../../services/timeline/page.ts";\n';
    expect([...probeText.matchAll(IMPORT)].map(([, clause]) => clause)).toEqual(["{ PAGE }"]);
  });

  it("say why each rule exists", () => {
    for (const rule of config.forbidden ?? [])
      expect(rule.comment?.length ?? 0, rule.name).toBeGreaterThan(60);
    // And they are checked: `npm run lint` (which CI runs) cruises src/ with them.
    expect(readFileSync(join(root, "package.json"), "utf8")).toMatch(
      /"lint": "[^"]*depcruise src --config \.dependency-cruiser\.cjs/,
    );
  });
});
