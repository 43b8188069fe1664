// The incident page's draft cache: one draft per incident, kept a minute. A resolved incident's
// is rebuilt as soon as what it is built from changes; an open incident's is not, within the
// minute, however often it changes (its readers' pages reload every 30 s while something is
// recorded every few seconds); and a failed build is never kept.
import { describe, expect, it } from "vitest";
import { SimulatedClock } from "../../../src/clock/clock.ts";
import { DRAFT_REUSE_MS, RecentDrafts } from "../../../src/http/incidents/recent-drafts.ts";
import { deferred } from "../../support/deferred.ts";

describe("RecentDrafts", () => {
  const start = new Date("2026-03-08T06:00:00Z");
  const later = (clock: SimulatedClock, ms: number) => clock.set(new Date(clock.now().getTime() + ms));

  it("rebuilds a resolved incident's draft when it changes, and an unchanged one after a minute", async () => {
    const clock = new SimulatedClock(start);
    const drafts = new RecentDrafts<string>(clock);
    let builds = 0;
    const build = async () => `draft ${++builds}`;
    const resolved = (version: string) => ({ version, open: false });
    expect(await drafts.get("1", resolved("a|10"), build)).toBe("draft 1");
    later(clock, DRAFT_REUSE_MS - 1);
    expect(await drafts.get("1", resolved("a|10"), build)).toBe("draft 1");
    // Something was recorded: another version, another draft.
    expect(await drafts.get("1", resolved("a|11"), build)).toBe("draft 2");
    later(clock, DRAFT_REUSE_MS);
    expect(await drafts.get("1", resolved("a|11"), build)).toBe("draft 3");
  });

  it("builds an open incident's draft at most once a minute however often it changes", async () => {
    const clock = new SimulatedClock(start);
    const drafts = new RecentDrafts<string>(clock);
    let builds = 0;
    const build = async () => `draft ${++builds}`;
    const open = (entries: number) => ({ version: `a|${entries}`, open: true });
    expect(await drafts.get("1", open(10), build)).toBe("draft 1");
    for (let entries = 11; entries < 40; entries++) {
      later(clock, 2_000);
      expect(await drafts.get("1", open(entries), build)).toBe("draft 1");
    }
    later(clock, DRAFT_REUSE_MS - 29 * 2_000);
    expect(await drafts.get("1", open(40), build)).toBe("draft 2");
    // Another incident has a draft of its own.
    expect(await drafts.get("2", open(40), build)).toBe("draft 3");
  });

  it("shares one build among the views that ask while it runs", async () => {
    const drafts = new RecentDrafts<string>(new SimulatedClock(start));
    let builds = 0;
    const draft = deferred<string>();
    const build = () => {
      builds++;
      return draft.promise;
    };
    const views = [1, 2, 3].map(() => drafts.get("1", { version: "a|1", open: true }, build));
    draft.resolve("the draft");
    expect(await Promise.all(views)).toEqual(["the draft", "the draft", "the draft"]);
    expect(builds).toBe(1);
  });

  it("does not keep a build that failed", async () => {
    const drafts = new RecentDrafts<string>(new SimulatedClock(start));
    const version = { version: "a|1", open: true };
    await expect(
      drafts.get("k", version, () => Promise.reject(new Error("database is down"))),
    ).rejects.toThrow("database is down");
    expect(await drafts.get("k", version, async () => "built")).toBe("built");
  });
});
