// A rotations file that expands YAML aliases without end ("billion laughs") is a problem with
// a line and column like any other, not a crash.
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRotationsFile } from "../../../../src/domain/rotation/parse-file.ts";
import { loadRotationRegistry } from "../../../../src/services/rotations/registry.ts";
import { ROTATIONS_YAML, writeRotationsFile } from "../../../support/handoff-fixtures.ts";

const BOMB = [
  "a: &a [x, x, x, x, x, x, x, x, x, x]",
  "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
  "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
  "rotations: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
  "",
].join("\n");

describe("a rotations file with an alias bomb", () => {
  it("is refused with the position of the first alias and what to do", () => {
    const file = parseRotationsFile(BOMB, "rotations.yml", new Date("2026-03-08T00:00:00Z"));
    expect(file.rotations).toEqual([]);
    expect(file.problems).toHaveLength(1);
    expect(file.problems[0]).toMatch(/^rotations\.yml:2:8 YAML: aliases expand too many times/);
    expect(file.problems[0]).toContain("at most 100 expansions");
  });
});

describe("reloading a rotations file that became an alias bomb", () => {
  it("keeps the loaded rotations and answers with the problem, not an error reference", async () => {
    const now = new Date("2026-03-08T00:00:00Z");
    const file = writeRotationsFile(ROTATIONS_YAML);
    const registry = await loadRotationRegistry(file, now);
    const loaded = registry.names();
    writeFileSync(file, BOMB);
    const result = await registry.reload(now);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.stringMatching(/rotations\.yml:2:8 YAML: aliases expand too many times/),
    ]);
    expect(registry.names()).toEqual(loaded);
  });
});
