// Late naming (services/timeline/late-names.ts) replaces only the bare `@U…` tokens of the
// people it has names for, whole tokens only, and running it again changes nothing.
import { describe, expect, it } from "vitest";
import { nameUserIdTokens, plainFromSlack } from "../../../src/domain/text/slack-markup.ts";

describe("nameUserIdTokens", () => {
  const names = new Map([
    ["U0CASEY1", "casey"],
    ["W0DANA22", "@dana"],
  ]);

  it("names the tokens plainFromSlack left, and nothing else", () => {
    const stored = plainFromSlack("<@U0CASEY1> and <@W0DANA22> paged <@U0OTHER9>, see @U0CASEY1X");
    expect(stored).toBe("@U0CASEY1 and @W0DANA22 paged @U0OTHER9, see @U0CASEY1X");
    expect(nameUserIdTokens(stored, names)).toBe("@casey and @dana paged @U0OTHER9, see @U0CASEY1X");
  });

  it("is idempotent", () => {
    const once = nameUserIdTokens("@U0CASEY1: rolling back", names);
    expect(nameUserIdTokens(once, names)).toBe(once);
    expect(once).toBe("@casey: rolling back");
  });
});
