// Slack markup in typed text and pinned messages becomes plain words, so nothing a person
// typed can notify anyone when the bot repeats it; Slack ts values become instants.
import { describe, expect, it } from "vitest";
import { escapeMrkdwn } from "../../../src/domain/text/mrkdwn.ts";
import { plainFromSlack, unlabelledUserMentions } from "../../../src/domain/text/slack-markup.ts";
import { dateOfSlackTs } from "../../../src/domain/time/slack-ts.ts";

describe("plainFromSlack", () => {
  it("turns every kind of mention into inert words", () => {
    const text =
      "<!channel> <!here> <!everyone> <!subteam^S0123|@sre-oncall> <@U0123ABCD|alex> <@W0123ABCD> <#C0123ABCD|ops>";
    expect(plainFromSlack(text, (id) => (id === "W0123ABCD" ? "blair" : undefined))).toBe(
      "@channel @here @everyone @sre-oncall @alex @blair #ops",
    );
    expect(plainFromSlack("<@U0999ZZZZ>")).toBe("@U0999ZZZZ");
  });

  it("keeps links readable and unescapes Slack's entities", () => {
    expect(plainFromSlack("see <https://status.example.com|status page> &amp; <https://x.test/a>")).toBe(
      "see status page (https://status.example.com) & https://x.test/a",
    );
    expect(plainFromSlack("<mailto:a@b.test|a@b.test> &lt;!channel&gt; a &lt; b")).toBe(
      "a@b.test <!channel> a < b",
    );
    expect(plainFromSlack("<!date^1392734382^{date}|Feb 18, 2014>")).toBe("Feb 18, 2014");
  });

  it("produces text that escaping makes harmless again", () => {
    const plain = plainFromSlack("&lt;!channel&gt; typed literally");
    expect(escapeMrkdwn(plain)).toBe("&lt;!channel&gt; typed literally");
  });

  it("finds label-less user mentions to name", () => {
    expect(unlabelledUserMentions("<@U1AAA> and <@U1AAA> and <@U2BBB|b>")).toEqual(["U1AAA"]);
  });
});

describe("dateOfSlackTs", () => {
  it("reads seconds and microseconds", () => {
    expect(dateOfSlackTs("1772949600.000200")?.toISOString()).toBe("2026-03-08T06:00:00.000Z");
    expect(dateOfSlackTs("1772949601.123456")?.toISOString()).toBe("2026-03-08T06:00:01.123Z");
    expect(dateOfSlackTs("1772949600")?.toISOString()).toBe("2026-03-08T06:00:00.000Z");
  });

  it("refuses what is not a ts", () => {
    for (const bad of ["", "abc", "1.2.3", "-1"]) expect(dateOfSlackTs(bad), bad).toBeNull();
  });
});
