// The display-zone formatter used for large timelines (exactly like the general one, across
// daylight-saving changes), and the grammar of the postmortem verbs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/domain/command/dispatch.ts";
import {
  ACTION_MAX,
  actionVerb,
  closeVerb,
  postmortemVerb,
} from "../../../src/domain/command/verbs/postmortem.ts";
import { zoneFormatter } from "../../../src/domain/postmortem/time.ts";
import { formatInZone } from "../../../src/domain/time/format.ts";

describe("the display-zone formatter", () => {
  it("formats exactly like formatInZone, across daylight-saving changes and odd offsets", () => {
    for (const zone of [
      "Asia/Seoul",
      "America/New_York",
      "Europe/Dublin",
      "Australia/Lord_Howe",
      "Asia/Kathmandu",
    ]) {
      const format = zoneFormatter(zone);
      fc.assert(
        fc.property(
          fc.integer({ min: Date.parse("2023-01-01T00:00:00Z"), max: Date.parse("2025-12-31T00:00:00Z") }),
          fc.boolean(),
          (ms, withDate) => {
            const at = new Date(ms);
            expect(format(at.toISOString(), withDate)).toBe(formatInZone(at, zone, withDate));
          },
        ),
        { numRuns: 400 },
      );
      // Minute by minute around the 2024 changes in New York and Dublin.
      for (const around of [
        "2024-03-10T06:30:00Z",
        "2024-11-03T05:30:00Z",
        "2024-03-31T00:30:00Z",
        "2024-10-27T00:30:00Z",
      ]) {
        for (let m = 0; m < 60; m++) {
          const at = new Date(Date.parse(around) + m * 60_000);
          expect(format(at.toISOString(), true)).toBe(formatInZone(at, zone, true));
        }
      }
    }
  });
});

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
