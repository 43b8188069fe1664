// The demo transcript's Block Kit → terminal text: Slack markup made readable, every block
// kind the bot posts shown.
import { describe, expect, it } from "vitest";
import { readableMrkdwn, renderBlocks } from "../../../demo/render-blocks.ts";

const names = (id: string) =>
  ({ U0DALEXAAA: "Alex Moreau", C0DINCCHAN: "inc-1-checkout", S0DSRETEAM: "sre" })[id] ?? id;

describe("readable Slack markup", () => {
  it("names people, channels and groups, and keeps link labels", () => {
    expect(
      readableMrkdwn(
        "<@U0DALEXAAA> in <#C0DINCCHAN> with <!subteam^S0DSRETEAM> and <!subteam^S0DSRETEAM|@sre-oncall>, see <https://x.test/a|the runbook> or <https://x.test/b> <!here>",
        names,
      ),
    ).toBe(
      "@Alex Moreau in #inc-1-checkout with @sre and @sre-oncall, see the runbook or https://x.test/b @here",
    );
  });

  it("shows emoji the bot uses and drops emphasis markers around words only", () => {
    expect(readableMrkdwn(":mega: *Status update* · _monitoring_ :no_such_emoji:", names)).toBe(
      "📣 Status update · monitoring :no_such_emoji:",
    );
    expect(readableMrkdwn("5*3*2 and snake_case_name stay", names)).toBe("5*3*2 and snake_case_name stay");
    expect(readableMrkdwn("a &lt;b&gt; &amp; c", names)).toBe("a <b> & c");
  });
});

describe("Block Kit as lines", () => {
  it("renders headers, sections with fields, context, buttons and dividers", () => {
    const lines = renderBlocks(
      [
        { type: "header", text: { type: "plain_text", text: "INC-1: Checkout" } },
        {
          type: "section",
          fields: [
            { type: "mrkdwn", text: "*Severity*\n:red_circle: SEV1" },
            { type: "mrkdwn", text: "*Commander*\n<@U0DALEXAAA>" },
          ],
        },
        { type: "divider" },
        { type: "context", elements: [{ type: "mrkdwn", text: "Declared 06:08 UTC" }] },
        {
          type: "actions",
          elements: [
            { type: "button", text: { type: "plain_text", text: "Accept command" }, action_id: "a" },
          ],
        },
      ],
      "fallback",
      names,
    );
    expect(lines).toEqual([
      "== INC-1: Checkout ==",
      "Severity: 🔴 SEV1  |  Commander: @Alex Moreau",
      "  ---",
      "  (Declared 06:08 UTC)",
      "  [Accept command]",
    ]);
  });

  it("falls back to the message text when there are no blocks", () => {
    expect(renderBlocks(undefined, "line one\n<@U0DALEXAAA>", names)).toEqual(["line one", "@Alex Moreau"]);
  });
});
