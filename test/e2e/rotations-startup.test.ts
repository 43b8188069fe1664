// An invalid rotations file stops the bot at start-up with every problem listed (exit 2, like
// any configuration problem), before it touches the database or Slack.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { RotationsFileError } from "../../src/services/rotations/registry.ts";
import { startTestBot } from "../support/bot-harness.ts";
import { ROTATIONS_YAML, writeRotationsFile } from "../support/handoff-fixtures.ts";

const BROKEN = ROTATIONS_YAML.replace('end: "16:00"', 'end: "16h"').replace(
  "timeZone: America/New_York",
  "timeZone: America/NYC",
);

/** Runs the bot as a process with this rotations file; it must stop before any database or Slack. */
function startProcessWith(rotationsFile: string) {
  return spawnSync("node_modules/.bin/tsx", ["src/main.ts"], {
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: "test-signing-secret",
      DATABASE_URL: "file:/nonexistent/never-opened.db",
      ROTATIONS_FILE: rotationsFile,
    },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("starting with a broken rotations file", () => {
  it("refuses to start the bot, listing each problem with its line and column", async () => {
    const file = writeRotationsFile(BROKEN);
    const { startSlackEmulator } = await import("../support/slack-emulator/index.ts");
    const emulator = await startSlackEmulator();
    const error = await startTestBot({ emulator, env: { ROTATIONS_FILE: file } }).then(
      async (bot) => {
        await bot.stop();
        return null;
      },
      (e: unknown) => e,
    );
    await emulator.stop();
    expect(error).toBeInstanceOf(RotationsFileError);
    expect((error as RotationsFileError).problems).toEqual([
      `${file}:20:14 rotations[0].shifts[1].end: must be HH:MM (24-hour, e.g. 08:00)`,
      `${file}:26:19 rotations[0].shifts[2].timeZone: must be an IANA time zone like Europe/Dublin, Asia/Seoul or America/New_York`,
    ]);
  });

  it("exits the process with status 2 and the problems on stderr", () => {
    const file = writeRotationsFile(BROKEN);
    const result = startProcessWith(file);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("The incident bot cannot start. The rotations file");
    expect(result.stderr).toContain(`${file}:20:14 rotations[0].shifts[1].end: must be HH:MM`);
    expect(result.stderr).toContain("rotations.example.yml");
    expect(result.stderr).not.toContain("xoxb-test-token");
  });

  it("exits with status 2 naming the line and column when the file is an alias bomb", () => {
    const file = writeRotationsFile(
      [
        "a: &a [x, x, x, x, x, x, x, x, x, x]",
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
        "rotations: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
        "",
      ].join("\n"),
    );
    const result = startProcessWith(file);
    expect(result.stderr).toContain(`${file}:2:8 YAML: aliases expand too many times`);
    expect(result.status).toBe(2);
  });
});
