// The per-replica cache of incident channels' messages heard as events (src/slack/recent-messages.ts):
// edits replace, deletions forget, and both bounds hold, newest kept.
import { describe, expect, it } from "vitest";
import type { SlackMessage } from "../../../src/slack/message-lookup.ts";
import { createRecentMessages } from "../../../src/slack/recent-messages.ts";

const said = (ts: string, text = `message ${ts}`): SlackMessage => ({
  ts,
  text,
  userId: "U1",
  botId: null,
  threadTs: null,
});

describe("recent messages", () => {
  it("gives back what it heard, edited, and forgets what was deleted", () => {
    const recent = createRecentMessages();
    recent.heard("C1", said("1.000001", "first"));
    expect(recent.get("C1", "1.000001")?.text).toBe("first");
    expect(recent.get("C2", "1.000001")).toBeUndefined();
    recent.heard("C1", said("1.000001", "first, edited"));
    expect(recent.get("C1", "1.000001")?.text).toBe("first, edited");
    recent.deleted("C1", "1.000001");
    expect(recent.get("C1", "1.000001")).toBeUndefined();
  });

  it("keeps the newest messages of each channel", () => {
    const recent = createRecentMessages(3, 10);
    for (const ts of ["1", "2", "3", "4"]) recent.heard("C1", said(ts));
    expect(["1", "2", "3", "4"].map((ts) => recent.get("C1", ts) !== undefined)).toEqual([
      false,
      true,
      true,
      true,
    ]);
    // An edit of an old message makes it recent again.
    recent.heard("C1", said("2", "edited"));
    recent.heard("C1", said("5"));
    expect(["2", "3", "4", "5"].map((ts) => recent.get("C1", ts) !== undefined)).toEqual([
      true,
      false,
      true,
      true,
    ]);
  });

  it("keeps the most recently active channels", () => {
    const recent = createRecentMessages(10, 2);
    recent.heard("C1", said("1"));
    recent.heard("C2", said("1"));
    recent.heard("C1", said("2"));
    recent.heard("C3", said("1"));
    expect(recent.get("C2", "1")).toBeUndefined();
    expect(recent.get("C1", "1")).toBeDefined();
    expect(recent.get("C3", "1")).toBeDefined();
  });
});
