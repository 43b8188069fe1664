// What the command parser refuses before it parses (too long, control characters) and why its
// tokenizer stays linear: text of many unclosed quotes used to be rescanned once per quote.
import { afterEach, describe, expect, it } from "vitest";
import { COMMAND_TEXT_MAX, CommandSyntaxError, parseCommand } from "../../../src/domain/command/dispatch.ts";
import { tokenize } from "../../../src/domain/command/tokenize.ts";
import { ALL_VERBS } from "../../../src/slack/listeners/commands/index.ts";

/** Characters `indexOf` looked at while `work` ran: a measure of work that no load can skew. */
function charactersScannedBy(work: () => void): number {
  const original = String.prototype.indexOf;
  let scanned = 0;
  String.prototype.indexOf = function (this: string, search: string, position?: number) {
    const from = Math.max(0, position ?? 0);
    const found = original.call(this, search, from);
    scanned += (found === -1 ? this.length : found) - from;
    return found;
  };
  try {
    work();
  } finally {
    String.prototype.indexOf = original;
  }
  return scanned;
}

function refusal(text: string): string {
  try {
    parseCommand(ALL_VERBS, text, "help");
  } catch (error) {
    if (error instanceof CommandSyntaxError) return error.userMessage;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("the tokenizer", () => {
  afterEach(() => {
    expect(String.prototype.indexOf.name).toBe("indexOf");
  });

  it.each([
    ["unclosed curly quotes", "“ "],
    ["unclosed straight quotes", '" '],
    ["unclosed angle brackets", "< "],
  ])("scans text of %s once, not once per quote", (_what, unit) => {
    const small = unit.repeat(1_000);
    const large = unit.repeat(20_000);
    const scannedSmall = charactersScannedBy(() => tokenize(small));
    const scannedLarge = charactersScannedBy(() => tokenize(large));
    // Linear: 20× the text, about 20× the scanning (quadratic would be 400×).
    expect(scannedLarge).toBeLessThanOrEqual(large.length * 2);
    expect(scannedLarge / Math.max(1, scannedSmall)).toBeLessThan(40);
  });

  it("still reads each unclosed quote as a word of its own", () => {
    const tokens = tokenize("“a “b “c");
    expect(tokens.map((t) => t.value)).toEqual(["“a", "“b", "“c"]);
    expect(tokenize("say “quoted words” and <@U1|a b> “open").map((t) => t.value)).toEqual([
      "say",
      "quoted words",
      "and",
      "<@U1|a b>",
      "“open",
    ]);
  });
});

describe("text refused before parsing", () => {
  it("refuses commands longer than the limit, saying how long they were and the limit", () => {
    const message = refusal(`update ${"“ ".repeat(100_000)}`);
    expect(message).toContain("200,007 characters");
    expect(message).toContain(COMMAND_TEXT_MAX.toLocaleString("en"));
  });

  it("accepts an update of the longest entry with options", () => {
    const parsed = parseCommand(ALL_VERBS, `update --at -5m ${"x".repeat(4000)}`, "help");
    expect(parsed.verb.name).toBe("update");
  });

  it.each([
    ["\u0000", "U+0000"],
    ["\u0007", "U+0007"],
    ["\u001b", "U+001B"],
    ["\u007f", "U+007F"],
  ])("refuses a control character (%j) and names it", (char, name) => {
    const message = refusal(`update database ${char}failover done`);
    expect(message).toContain(name);
    expect(message).toContain("position 17");
    expect(message).toContain("nothing was recorded");
  });

  it("keeps tabs and new lines", () => {
    const parsed = parseCommand(ALL_VERBS, "update line one\n\tline two\r\nline three", "help");
    expect((parsed.args as { text: string }).text).toContain("line two");
  });
});
