// Property tests: whatever text arrives, parsing either succeeds or fails with a clear
// user-facing error; it never crashes, and never echoes mention markup unescaped.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/domain/command/dispatch.ts";
import { DomainError } from "../../../src/domain/errors.ts";
import { ALL_VERBS } from "../../../src/slack/listeners/commands/index.ts";

const verbs = ALL_VERBS.flatMap((v) => [v.name, ...(v.aliases ?? [])]);
const nasty = fc.constantFrom(
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<!subteam^S0123ABC|@leads>",
  "<@U0123ABCD|bob>",
  "<#C0123ABCD|ops>",
  "\u202e",
  "\u200b",
  "\u200d",
  "\u0000",
  "\u0007",
  "\r\n",
  "--sev",
  "--at",
  "--region=",
  '"',
  "“",
  "`",
  "*",
  "🔥",
  "👩‍🚒",
  "مرحبا",
  "-15m",
  "06:21",
);
const word = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(...verbs),
  nasty,
  fc.integer().map(String),
);
const commandText = fc.array(word, { maxLength: 12 }).map((words) => words.join(" "));

function outcome(text: string): "parsed" | "refused" {
  try {
    parseCommand(ALL_VERBS, text, "help");
    return "parsed";
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    expect(error.userMessage).not.toMatch(/<!(channel|here|everyone|subteam)|<@U/);
    expect(error.userMessage.length).toBeLessThan(1000);
    return "refused";
  }
}

describe("command parser under random input", () => {
  it("never crashes and never echoes mentions", () => {
    fc.assert(
      fc.property(commandText, (text) => ["parsed", "refused"].includes(outcome(text))),
      { numRuns: 3000 },
    );
  });

  // How fast is `npm run bench` (section 6: a 100 KB command against splitting it into words).
  it("copes with 100 KB of text, control and bidirectional characters", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...verbs),
        fc.string({ minLength: 100_000, maxLength: 100_000 }),
        (verb, body) => ["parsed", "refused"].includes(outcome(`${verb} ${body}`)),
      ),
      { numRuns: 20 },
    );
  });
});
