// `action list | done N | reassign N @user | edit N <text>`, and what stays a new item.
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/domain/command/dispatch.ts";
import { actionVerb } from "../../src/domain/command/verbs/postmortem.ts";

describe("managing action items from text", () => {
  const parse = (text: string) => parseCommand([actionVerb] as never[], text, "action").args;

  it("reads list, done, reassign and edit", () => {
    expect(parse("action list")).toEqual({ manage: { op: "list" } });
    expect(parse("action done 3")).toEqual({ manage: { op: "done", number: 3 } });
    expect(parse("action DONE #3")).toEqual({ manage: { op: "done", number: 3 } });
    expect(parse("action reassign 2 <@U0BLAIR001|blair>")).toEqual({
      manage: { op: "reassign", number: 2, ownerId: "U0BLAIR001" },
    });
    expect(parse("action reassign 2 nobody")).toEqual({
      manage: { op: "reassign", number: 2, ownerId: null },
    });
    expect(parse("action edit 4 Alert on --force pushes")).toEqual({
      manage: { op: "edit", number: 4, text: "Alert on --force pushes" },
    });
  });

  it("keeps text that only starts with one of those words as a new item", () => {
    expect(parse("action Done criteria for the checklist")).toEqual({
      text: "Done criteria for the checklist",
      ownerId: null,
    });
    expect(parse("action list the dashboards we lacked")).toEqual({
      text: "list the dashboards we lacked",
      ownerId: null,
    });
  });

  it("says what is missing", () => {
    expect(() => parse("action reassign 2 bob")).toThrow(/Say who owns it now/);
    expect(() => parse("action reassign 2")).toThrow(/Say who owns it now/);
    expect(() => parse("action edit 2")).toThrow(/Give the new text/);
    expect(() => parse("action done 2 now")).toThrow(/Type just/);
    expect(() => parse(`action edit 2 ${"x".repeat(1001)}`)).toThrow(/at most 1000 characters/);
  });
});
