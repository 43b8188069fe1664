// The incident page's draft cache: reused for a minute under the same key, rebuilt when the key
// changes (the incident changed) or the minute is over, and a failed build never kept.
import { describe, expect, it } from "vitest";
import { SimulatedClock } from "../../../src/clock/clock.ts";
import { DRAFT_REUSE_MS, RecentDrafts } from "../../../src/http/incidents/recent-drafts.ts";

describe("RecentDrafts", () => {
  it("reuses a draft for a minute under the same key, and builds anew after", async () => {
    const clock = new SimulatedClock(new Date("2026-03-08T06:00:00Z"));
    const drafts = new RecentDrafts<string>(clock);
    let builds = 0;
    const build = async () => `draft ${++builds}`;
    expect(await drafts.get("1|a|10|UTC", build)).toBe("draft 1");
    clock.set(new Date(clock.now().getTime() + DRAFT_REUSE_MS - 1));
    expect(await drafts.get("1|a|10|UTC", build)).toBe("draft 1");
    // The incident changed: another key, another draft.
    expect(await drafts.get("1|a|11|UTC", build)).toBe("draft 2");
    clock.set(new Date(clock.now().getTime() + DRAFT_REUSE_MS));
    expect(await drafts.get("1|a|11|UTC", build)).toBe("draft 3");
  });

  it("does not keep a build that failed", async () => {
    const drafts = new RecentDrafts<string>(new SimulatedClock(new Date("2026-03-08T06:00:00Z")));
    await expect(drafts.get("k", () => Promise.reject(new Error("database is down")))).rejects.toThrow(
      "database is down",
    );
    expect(await drafts.get("k", async () => "built")).toBe("built");
  });
});
