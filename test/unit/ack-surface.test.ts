// The ack-latency histogram's `surface` label comes from the request body's shape only, so its
// values are a fixed set whatever a request carries.
import { describe, expect, it } from "vitest";
import { ACK_SURFACES } from "../../src/metrics/metrics.ts";
import { surfaceOf } from "../../src/slack/ack-timing.ts";

describe("ack surfaces", () => {
  it("names each Slack surface", () => {
    expect(surfaceOf({ command: "/incident", text: "declare x" })).toBe("command");
    expect(surfaceOf({ type: "block_actions" })).toBe("action");
    expect(surfaceOf({ type: "view_submission" })).toBe("view");
    expect(surfaceOf({ type: "view_closed" })).toBe("view");
    expect(surfaceOf({ type: "shortcut" })).toBe("shortcut");
    expect(surfaceOf({ type: "message_action" })).toBe("shortcut");
    expect(surfaceOf({ type: "block_suggestion" })).toBe("options");
    expect(surfaceOf({ type: "event_callback", event: { type: "reaction_added" } })).toBe("event");
  });

  it("folds anything else into other, never echoing what the request said", () => {
    for (const body of [{ type: "U0123SECRET" }, { type: 42 }, {}, { command: 7 }])
      expect(surfaceOf(body as Record<string, unknown>)).toBe("other");
    expect(ACK_SURFACES).toContain("other");
  });
});
