// Public text as Statuspage gets it (src/domain/status-page/plain-text.ts): Slack's and
// Markdown's formatting marks go, their words stay, and marks that are not formatting
// (snake_case, arithmetic, code) are left exactly as typed.
import { describe, expect, it } from "vitest";
import { withoutFormatting } from "../../../src/domain/status-page/plain-text.ts";
import { publicText } from "../../../src/domain/status-page/public-text.ts";

describe("withoutFormatting", () => {
  it("drops Slack's bold, italic, strike, code and quote marks, keeping the words", () => {
    expect(withoutFormatting("*Card payments* fail in _some_ regions, ~all~ EU")).toBe(
      "Card payments fail in some regions, all EU",
    );
    expect(withoutFormatting("restart `payments-api` now")).toBe("restart payments-api now");
    expect(withoutFormatting("we ran:\n```\nkubectl rollout undo\n```\ndone")).toBe(
      "we ran:\nkubectl rollout undo\ndone",
    );
    expect(withoutFormatting("> customers see errors\nwe are on it")).toBe(
      "customers see errors\nwe are on it",
    );
    expect(withoutFormatting("(*fixed*), really: _mostly_.")).toBe("(fixed), really: mostly.");
  });

  it("drops Markdown's doubled marks too", () => {
    expect(withoutFormatting("**Degraded** __checkout__ ~~maybe~~")).toBe("Degraded checkout maybe");
  });

  it("leaves marks that are not formatting as typed", () => {
    for (const typed of [
      "payments_api and card_vault_eu are slow",
      "2*3*4 retries",
      "a * b * c",
      "* bullet without a closing mark",
      "price_*_tier",
      "user@example.com",
    ])
      expect(withoutFormatting(typed)).toBe(typed);
  });

  it("keeps marks inside code", () => {
    expect(withoutFormatting("set `*_debug_*` off, *then* retry")).toBe("set *_debug_* off, then retry");
  });

  it("reads a typed Slack update as plain words once links and mentions are resolved", () => {
    expect(
      withoutFormatting(
        publicText("*Update:* see <https://status.example.com/eu|the EU page> &amp; `retry` <@U123>"),
      ),
    ).toBe("Update: see the EU page (https://status.example.com/eu) & retry someone");
  });
});
