// The grammar of the postmortem verbs.
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/domain/command/dispatch.ts";
import {
  ACTION_MAX,
  actionVerb,
  closeVerb,
  postmortemVerb,
} from "../../../src/domain/command/verbs/postmortem.ts";

describe("postmortem verbs", () => {
  const verbs = [closeVerb, postmortemVerb, actionVerb] as never[];
  const parse = (text: string) => parseCommand(verbs, text, "close");

  it("reads an action item with and without an owner", () => {
    expect(parse("action Alert on route changes --owner <@U0ALEX0001|alex>").args).toEqual({
      text: "Alert on route changes",
      ownerId: "U0ALEX0001",
    });
    expect(parse("action --owner=<@U0ALEX0001> roll out | by region").args).toEqual({
      text: "roll out | by region",
      ownerId: "U0ALEX0001",
    });
    expect(parse("followup Write the runbook").args).toEqual({ text: "Write the runbook", ownerId: null });
  });

  it("refuses what is not an action item, saying why", () => {
    expect(() => parse("action")).toThrow(/Say what needs doing/);
    expect(() => parse("action --owner <@U0ALEX0001>")).toThrow(/Say what needs doing/);
    expect(() => parse("action Fix it --owner")).toThrow(/`--owner` needs a value/);
    expect(() => parse("action Fix it --owner bob")).toThrow(/`--owner` needs a person.*`bob` is not one/);
    expect(() => parse("action Fix it --owner <!channel>")).toThrow(/&lt;!channel&gt;/);
    expect(() => parse(`action ${"x".repeat(ACTION_MAX + 1)}`)).toThrow(/at most 1000 characters/);
  });

  it("takes nothing after close and postmortem", () => {
    expect(parse("close").args).toEqual({});
    expect(() => parse("close now")).toThrow(/type just `\/incident close`/);
    expect(parse("pm").verb.name).toBe("postmortem");
    expect(() => parse("postmortem please")).toThrow(/type just `\/incident postmortem`/);
  });
});
