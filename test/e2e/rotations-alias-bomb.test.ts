// Start-up with a rotations file that is an alias bomb: exit status 2 and the problem with its
// line and column, like every other rotations-file problem (it used to crash with status 1).
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { writeRotationsFile } from "../support/handoff-fixtures.ts";

describe("starting with an alias bomb as the rotations file", () => {
  it("exits with status 2 naming the line and column", () => {
    const file = writeRotationsFile(
      [
        "a: &a [x, x, x, x, x, x, x, x, x, x]",
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
        "rotations: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
        "",
      ].join("\n"),
    );
    const result = spawnSync("node_modules/.bin/tsx", ["src/main.ts"], {
      env: {
        PATH: process.env.PATH,
        SLACK_BOT_TOKEN: "xoxb-test-token",
        SLACK_SIGNING_SECRET: "test-signing-secret",
        DATABASE_URL: "file:/nonexistent/never-opened.db",
        ROTATIONS_FILE: file,
      },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.stderr).toContain(`${file}:2:8 YAML: aliases expand too many times`);
    expect(result.status).toBe(2);
  });
});
