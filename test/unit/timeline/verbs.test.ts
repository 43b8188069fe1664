// The grammar of update, note and timeline: what parses, and clear refusals for what does not.
import { describe, expect, it } from "vitest";
import { CommandSyntaxError, parseCommand } from "../../../src/domain/command/dispatch.ts";
import { ALL_VERBS } from "../../../src/slack/listeners/commands/index.ts";
import { helpMessage } from "../../../src/slack/views/help.ts";

const parse = (text: string) => parseCommand(ALL_VERBS, text, "help");

describe("update", () => {
  it("takes the text as typed, with an optional --at anywhere", () => {
    expect(parse("update EU ingestion recovered, backfill running").args).toEqual({
      at: null,
      key: false,
      public: false,
      text: "EU ingestion recovered, backfill running",
    });
    expect(parse("update --at 06:21 we rolled back --force deploy").args).toEqual({
      at: "06:21",
      key: false,
      public: false,
      text: "we rolled back --force deploy",
    });
    expect(parse("update --at 2026-03-08 06:21 restored").args).toEqual({
      at: "2026-03-08 06:21",
      key: false,
      public: false,
      text: "restored",
    });
    // `--key`: a key moment for the postmortem's chronology.
    expect(parse("update --key --at -5m live data back everywhere").args).toEqual({
      at: "-5m",
      key: true,
      public: false,
      text: "live data back everywhere",
    });
    // `--public`: also on the public status page; a public update names no one.
    expect(parse("update --public EU checkout is back").args).toEqual({
      at: null,
      key: false,
      public: true,
      text: "EU checkout is back",
    });
    expect(() => parse("update --public thanks <@U0ALEX> for the fix")).toThrow(/names no one/);
  });

  it("refuses an empty update, a bare --at and text beyond the limit", () => {
    expect(() => parse("update")).toThrow(CommandSyntaxError);
    expect(() => parse("update --at")).toThrow(/needs a time|needs a value/);
    expect(() => parse(`update ${"x".repeat(4001)}`)).toThrow(/at most 4000/);
  });
});

describe("note", () => {
  it("tags causes and lessons, and refuses both at once", () => {
    expect(parse("note --cause config push skipped canary").args).toEqual({
      at: null,
      tag: "cause",
      text: "config push skipped canary",
    });
    expect(parse("note the alert fired late --lesson").args).toMatchObject({
      tag: "lesson",
      text: "the alert fired late",
    });
    expect(parse("note -- --cause is literal here").args).toMatchObject({
      tag: null,
      text: "--cause is literal here",
    });
    expect(() => parse("note --cause --lesson both")).toThrow(/not both/);
  });
});

describe("timeline", () => {
  it("reads its options", () => {
    expect(parse("timeline").args).toEqual({ all: false, workstream: null, since: null, page: null });
    expect(parse("timeline --all --workstream us1 --since -2h --page 3").args).toEqual({
      all: true,
      workstream: "us1",
      since: "-2h",
      page: 3,
    });
  });

  it("refuses stray words and bad pages", () => {
    expect(() => parse("timeline everything")).toThrow(/only options/);
    expect(() => parse("timeline --page 0")).toThrow(/page number/);
    expect(() => parse("timeline --page two")).toThrow(/page number/);
    expect(() => parse("timeline --bogus")).toThrow(/option `--bogus`/);
  });
});

describe("help", () => {
  it("lists update, note and timeline under Timeline", () => {
    const shown = JSON.stringify(helpMessage(ALL_VERBS).blocks);
    const timeline = shown.slice(shown.indexOf("*Timeline*"));
    for (const syntax of [
      "update [--at <time>] [--key] [--public] <text>",
      "note [--at <time>] [--cause|--lesson] <text>",
      "timeline [--all]",
    ])
      expect(timeline).toContain(syntax);
  });
});
