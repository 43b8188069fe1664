// The grammar of the rotation and handoff verbs.
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../../src/domain/command/dispatch.ts";
import { ALL_VERBS } from "../../../../src/slack/listeners/commands/index.ts";

const parse = (text: string) => parseCommand(ALL_VERBS, text, "help");

describe("rotation and handoff commands", () => {
  it("parses rotation, rotations, shifts and handoff", () => {
    expect(parse("rotation Follow-The-Sun").args).toEqual({
      rotation: "follow-the-sun",
      workstream: null,
      confirm: false,
      withGroups: false,
    });
    expect(parse("rotation follow-the-sun --workstream us1 --confirm --with-groups").args).toEqual({
      rotation: "follow-the-sun",
      workstream: "us1",
      confirm: true,
      withGroups: true,
    });
    expect(parse("rotations").args).toEqual({ reload: false });
    expect(parse("rotations reload").args).toEqual({ reload: true });
    expect(parse("shifts").args).toEqual({ rotation: null });
    expect(parse("oncall storage").args).toEqual({ rotation: "storage" });
    expect(parse("handoff <@U012ABCDEF|kim>").args).toEqual({ toUserId: "U012ABCDEF", workstream: null });
    expect(parse("handover <@U012ABCDEF> --workstream eu1").args).toEqual({
      toUserId: "U012ABCDEF",
      workstream: "eu1",
    });
    expect(parse("declare Disk full --rotation storage").args).toMatchObject({
      title: "Disk full",
      rotation: "storage",
    });
  });

  it("says what is wrong, with the syntax", () => {
    expect(() => parse("rotation")).toThrow(/Name the rotation/);
    expect(() => parse("rotation a b")).toThrow(/one rotation name/);
    expect(() => parse("rotation a --workstream")).toThrow(/needs a value/);
    expect(() => parse("rotations delete")).toThrow(/rotations reload/);
    expect(() => parse("handoff")).toThrow(/Name the person taking over with an @mention/);
    expect(() => parse("handoff kim")).toThrow(/not a Slack user I recognise/);
    expect(() => parse("handoff <@U012ABCDEF> <@U012ABCDEG>")).toThrow(/one person/);
    expect(() => parse("declare Disk full --rotation")).toThrow(/needs a value/);
  });
});
