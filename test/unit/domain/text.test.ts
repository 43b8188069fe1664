import { describe, expect, it } from "vitest";
import {
  asciiChannelName,
  hasOtherScripts,
  incidentChannelName,
  slugify,
  withSuffix,
} from "../../../src/domain/incident/channel-name.ts";
import { escapeMrkdwn, link, mentionUser } from "../../../src/domain/text/mrkdwn.ts";
import { truncate } from "../../../src/domain/text/truncate.ts";

describe("escaping", () => {
  it("turns mention markup into inert text", () => {
    expect(escapeMrkdwn("<!channel> <!here> <@U123> <!subteam^S1> a&b")).toBe(
      "&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;!subteam^S1&gt; a&amp;b",
    );
  });

  it("builds mentions only from valid IDs and keeps link labels inside the link", () => {
    expect(mentionUser("U012ABC")).toBe("<@U012ABC>");
    expect(() => mentionUser("U012ABC> <!channel")).toThrow();
    expect(link("https://x.test/a", "label|<!here>")).toBe("<https://x.test/a|label¦&lt;!here&gt;>");
  });
});

describe("truncate", () => {
  it("cuts on a word boundary with an ellipsis and never splits emoji or escapes", () => {
    expect(truncate("short", 10)).toBe("short");
    expect(truncate("the quick brown fox jumps", 16)).toBe("the quick brown…");
    const emoji = "🔥".repeat(10);
    expect(truncate(emoji, 6)).toBe("🔥🔥…");
    expect(truncate(`aaaa ${escapeMrkdwn("<<<<")}`, 12).endsWith("&…")).toBe(false);
  });
});

describe("channel names", () => {
  it("slugs titles to Slack's rules and cuts on a word boundary within 80 characters", () => {
    expect(incidentChannelName(42, "Checkout: 500s in EU!")).toBe("inc-42-checkout-500s-in-eu");
    expect(incidentChannelName(7, "Café à la carte")).toBe("inc-7-cafe-a-la-carte");
    const long = incidentChannelName(12345, "word ".repeat(40));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/^inc-12345(-word)+$/);
  });

  it("keeps the title's own letters in other scripts, with an a-z form for workspaces that refuse them", () => {
    const korean = incidentChannelName(7, "결제 API 장애 — 서울 리전");
    expect(korean).toBe("inc-7-결제-api-장애-서울-리전");
    expect(hasOtherScripts(korean)).toBe(true);
    expect(asciiChannelName(korean)).toBe("inc-7-api");
    expect(incidentChannelName(8, "決済APIの障害")).toBe("inc-8-決済apiの障害");
    expect(incidentChannelName(9, "Ошибка оплаты")).toBe("inc-9-ошибка-оплаты");
    expect(incidentChannelName(10, "İstanbul Straße")).toBe("inc-10-istanbul-straße");
    expect(hasOtherScripts(incidentChannelName(42, "Checkout: 500s in EU!"))).toBe(false);
    const long = incidentChannelName(11, "장애 ".repeat(60));
    expect(long.length).toBeLessThanOrEqual(80);
  });

  it("yields a valid name for titles made only of emoji or punctuation", () => {
    expect(incidentChannelName(3, "🔥🔥🔥 !!! ???")).toBe("inc-3");
    expect(slugify("")).toBe("");
  });

  it("adds suffixes after name_taken without exceeding 80 characters", () => {
    const base = incidentChannelName(1, "x".repeat(100));
    expect(withSuffix(base, 1)).toBe(base);
    expect(withSuffix(base, 2).length).toBeLessThanOrEqual(80);
    expect(withSuffix(base, 2).endsWith("-2")).toBe(true);
    for (const name of [base, withSuffix(base, 12)]) expect(name).toMatch(/^[a-z0-9_-]{1,80}$/);
  });
});
