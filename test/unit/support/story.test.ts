// The story helper that lets each test of a story-style e2e file run alone
// (test/support/story.ts): a whole-file run replays nothing, a test run alone replays exactly
// the earlier steps, in order, once.
import { describe, expect, it } from "vitest";
import { nothing, story } from "../../support/story.ts";

function recorded() {
  const done: string[] = [];
  const steps = story({
    declared: async () => void done.push("declared"),
    escalated: async () => void done.push("escalated"),
    checked: nothing,
    resolved: async () => void done.push("resolved"),
  });
  return { done, steps };
}

describe("a story of steps", () => {
  it("replays nothing when every test runs in order (each did its own actions)", async () => {
    const { done, steps } = recorded();
    for (const step of ["declared", "escalated", "checked", "resolved"] as const) await steps.begin(step);
    expect(done).toEqual([]);
  });

  it("replays the earlier steps, in order, for a test run alone", async () => {
    const { done, steps } = recorded();
    await steps.begin("resolved");
    expect(done).toEqual(["declared", "escalated"]);
  });

  it("replays only what was skipped when some tests are filtered out", async () => {
    const { done, steps } = recorded();
    await steps.begin("escalated");
    await steps.begin("resolved");
    expect(done).toEqual(["declared"]);
  });

  it("refuses an unknown step or going back to an earlier one", async () => {
    const { steps } = recorded();
    await expect(steps.begin("closed" as "declared")).rejects.toThrow(/no story step "closed"/);
    await steps.begin("checked");
    await expect(steps.begin("escalated")).rejects.toThrow(/begun after a later one/);
  });
});
