import { describe, expect, it } from "vitest";
import {
  parseArguments,
  requireUser,
  userGroupIdFrom,
  userIdFrom,
} from "../../../src/domain/command/arguments.ts";
import { CommandSyntaxError, parseCommand } from "../../../src/domain/command/dispatch.ts";
import { tokenize } from "../../../src/domain/command/tokenize.ts";
import { DomainError } from "../../../src/domain/errors.ts";
import { ALL_VERBS } from "../../../src/slack/listeners/commands/index.ts";

const parse = (text: string) => parseCommand(ALL_VERBS, text, "help");

describe("tokenize", () => {
  it("keeps quoted text and Slack mentions with spaces as single tokens", () => {
    expect(tokenize(`role comms <@U012ABCDEF|Alex Smith> "two words" ‘curly’`).map((t) => t.value)).toEqual([
      "role",
      "comms",
      "<@U012ABCDEF|Alex Smith>",
      "two words",
      "curly",
    ]);
  });

  it("splits on unusual white space too (non-breaking, ideographic)", () => {
    expect(tokenize("a\u00a0b\u3000c").map((t) => t.value)).toEqual(["a", "b", "c"]);
  });
});

describe("parseArguments", () => {
  const spec = {
    options: { sev: { value: true }, private: { value: false }, at: { value: true } },
    freeText: true,
  };

  it("takes options anywhere and returns the rest exactly as typed", () => {
    const parsed = parseArguments("API  down --sev 1 in us1\nand eu1 --private", spec);
    expect(parsed.options.get("sev")).toBe("1");
    expect(parsed.options.get("private")).toBe(true);
    expect(parsed.textFrom(0)).toBe("API down in us1\nand eu1");
  });

  it("accepts --name=value and a date followed by a time as one --at value", () => {
    const parsed = parseArguments("--at 2023-03-08 06:21 found it", spec);
    expect(parsed.options.get("at")).toBe("2023-03-08 06:21");
    expect(parsed.textFrom(0)).toBe("found it");
    expect(parseArguments("--sev=2 x", spec).options.get("sev")).toBe("2");
  });

  it("keeps unknown --words in free text but rejects them where no free text is allowed", () => {
    expect(parseArguments("we ran deploy --force", spec).textFrom(0)).toBe("we ran deploy --force");
    expect(() => parseArguments("--force", { options: {}, freeText: false })).toThrow(
      /don't know the option/,
    );
  });

  it("rejects a value-less option, a repeated option and a value on a switch", () => {
    expect(() => parseArguments("--sev", spec)).toThrow(/needs a value/);
    expect(() => parseArguments("--sev 1 --sev 2", spec)).toThrow(/twice/);
    expect(() => parseArguments("--private=yes", spec)).toThrow(/takes no value/);
  });

  it("stops reading options after --", () => {
    const parsed = parseArguments("-- --sev 1", spec);
    expect(parsed.options.size).toBe(0);
    expect(parsed.textFrom(0)).toBe("--sev 1");
  });
});

describe("mentions", () => {
  it("reads escaped user and group mentions and bare IDs", () => {
    expect(userIdFrom("<@U012ABCDEF|alex>")).toBe("U012ABCDEF");
    expect(userIdFrom("<@W012ABCDEF>")).toBe("W012ABCDEF");
    expect(userIdFrom("U012ABCDEF")).toBe("U012ABCDEF");
    expect(userIdFrom("@alex")).toBeUndefined();
    expect(userGroupIdFrom("<!subteam^S012ABC|@sre>")).toBe("S012ABC");
  });

  it("explains how to name a person, escaping what was typed", () => {
    expect(() => requireUser({ value: "<!channel>", start: 0, end: 0, quoted: false })).toThrow(
      /&lt;!channel&gt;/,
    );
  });
});

describe("parseCommand", () => {
  it("defaults to help and finds verbs by alias, case-insensitively", () => {
    expect(parse("").verb.name).toBe("help");
    expect(parse("SEVERITY 1 db down").verb.name).toBe("sev");
  });

  it("reports unknown verbs with a hint and escapes what was typed", () => {
    const error = (() => {
      try {
        parse("<!here>");
      } catch (e) {
        return e as CommandSyntaxError;
      }
    })();
    expect(error).toBeInstanceOf(CommandSyntaxError);
    expect(error?.userMessage).toContain("&lt;!here&gt;");
    expect(() => parse("stat resolved")).toThrow(/Did you mean `status`/);
  });

  it("parses declare with options", () => {
    expect(parse("declare Checkout failing --sev 1 --region us1,EU1 --private").args).toEqual({
      title: "Checkout failing",
      severity: 1,
      regions: ["us1", "eu1"],
      services: [],
      isPrivate: true,
    });
    expect(parse("declare").args).toMatchObject({ title: null, severity: 3 });
    // A private incident previews a rotation's people first: not in the same breath.
    expect(() => parse("declare Payroll leak --private --rotation follow-the-sun")).toThrow(
      /declare it without `--rotation`, then type `\/incident rotation follow-the-sun` in its channel/,
    );
  });

  it("requires a reason for severity changes and a valid level", () => {
    expect(parse("sev 2 partial recovery").args).toEqual({
      severity: 2,
      reason: "partial recovery",
      at: null,
    });
    expect(() => parse("sev 1")).toThrow(/reason is required/);
    expect(() => parse("sev 7 x")).toThrow(/1 to 4/);
  });

  it("attaches the verb's syntax to grammar errors", () => {
    try {
      parse("role boss <@U012ABCDEF>");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CommandSyntaxError);
      expect((error as CommandSyntaxError).verb?.name).toBe("role");
    }
  });

  it("parses the service, workstream and milestone grammars", () => {
    expect(parse("service logs recovering --region us1 --phase backfill slow but steady").args).toEqual({
      service: "logs",
      state: "recovering",
      region: "us1",
      phase: "backfill",
      note: "slow but steady",
      at: null,
    });
    expect(parse("workstream add us1 --lead <@U012ABCDEF> --channel").args).toEqual({
      action: "add",
      name: "us1",
      leadId: "U012ABCDEF",
      withChannel: true,
      parent: null,
    });
    expect(parse("workstream add eu1-ingest --parent eu1").args).toMatchObject({
      action: "add",
      name: "eu1-ingest",
      parent: "eu1",
    });
    expect(() => parse("workstream add eu1-ingest --parent")).toThrow(/`--parent` needs a value/);
    expect(() => parse("workstream eu1 lead <@U012ABCDEF> --parent eu")).toThrow(/go with `workstream add`/);
    expect(parse("workstream us1 lead <@U012ABCDEF>").args).toEqual({
      action: "lead",
      name: "us1",
      leadId: "U012ABCDEF",
      at: null,
    });
    expect(parse("milestone detected --at 06:05 paged by monitor").args).toEqual({
      name: "detected",
      at: "06:05",
      note: "paged by monitor",
    });
    expect(() => parse("service logs sideways")).toThrow(DomainError);
  });

  it("takes --at on every state change, with a date, a time and a zone as one value", () => {
    expect(parse("sev 1 --at 06:05 UTC all regions down").args).toEqual({
      severity: 1,
      reason: "all regions down",
      at: "06:05 UTC",
    });
    expect(parse("status resolved --at 2026-03-08 06:21 +09:00 all clear").args).toEqual({
      status: "resolved",
      message: "all clear",
      at: "2026-03-08 06:21 +09:00",
    });
    expect(parse("role comms <@U012ABCDEF> --at -15m").args).toEqual({
      role: "comms",
      userId: "U012ABCDEF",
      at: "-15m",
    });
    expect(parse("workstream us1 status monitoring --at 09:15 back").args).toMatchObject({
      action: "status",
      at: "09:15",
      message: "back",
    });
    expect(parse("service logs recovered --region us1 --at 09:15Z").args).toMatchObject({ at: "09:15Z" });
    // A word after the time that is not a zone stays in the text.
    expect(parse("update --at 09:15 UTCish values back").args).toEqual({
      at: "09:15",
      key: false,
      public: false,
      text: "UTCish values back",
    });
    expect(() => parse("workstream add eu1 --at -5m")).toThrow(/goes with/);
  });
});
