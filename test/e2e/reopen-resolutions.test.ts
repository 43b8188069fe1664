// Reopening keeps the first resolution: an incident resolved, reopened and resolved again has
// both resolutions as milestones, its draft measures time to resolve to the first one (and
// says so), and its chronology shows each resolution and the reopen between them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { type DeclaredIncident, declareIncident } from "../support/declared-incident.ts";
import { typedPostmortemDraft } from "../support/postmortem-draft.ts";

describe("an incident resolved, reopened and resolved again", () => {
  let t: TestBot;
  let incident: DeclaredIncident;
  let ic: string;
  let markdown = "";

  const run = (text: string) => t.driver.command(text, { user: ic, channel: incident.channel.id });

  beforeAll(async () => {
    t = await startTestBot();
    ic = t.emulator.addUser({ name: "ines" }).id;
    const general = t.emulator.addChannel({ name: "general", members: [ic] }).id;
    incident = await declareIncident(t, "Checkout errors --sev 2", { by: ic, from: general });
    await run("milestone impact-started --at -10m");
    await t.advance("50m");
    await run("status resolved rollback done");
    await t.advance("30m");
    await run("reopen errors are back");
    await t.advance("2h");
    await run("status resolved second fix holds");
    await t.settle();
    markdown = await typedPostmortemDraft(t, ic, incident.channel.id);
  });
  afterAll(() => t.stop());

  it("keeps every resolution as a milestone: the first as resolved-1, the latest as resolved", async () => {
    const milestones = await t.bot.deps.database.db.milestone.findMany({
      where: { incidentId: incident.id },
      orderBy: { occurredAt: "asc" },
    });
    const names = milestones.map((m) => m.name);
    expect(names).toContain("resolved-1");
    expect(names).toContain("resolved");
    const first = milestones.find((m) => m.name === "resolved-1")!;
    const latest = milestones.find((m) => m.name === "resolved")!;
    expect(latest.occurredAt.getTime() - first.occurredAt.getTime()).toBe(150 * 60_000);
  });

  it("measures time to resolve to the first resolution, and says so", () => {
    // Impact started 10 minutes before the declaration; first resolved 50 minutes after it.
    expect(markdown).toMatch(/\| Time to resolve \| `impact-started` [^|]+\| `resolved-1` [^|]+\| 1h \|/);
    expect(markdown).toContain(
      "resolved 2 times (reopened in between): time to resolve is measured to the first",
    );
  });

  it("shows both resolutions and the reopen in the chronology", () => {
    const chronology = markdown.slice(markdown.indexOf("### Chronology"), markdown.indexOf("## Root cause"));
    const first = chronology.indexOf("Resolved (resolution 1, reopened later)");
    const reopen = chronology.indexOf("Reopened");
    const latest = chronology.lastIndexOf("| Resolved |");
    expect(first).toBeGreaterThan(-1);
    expect(reopen).toBeGreaterThan(first);
    expect(latest).toBeGreaterThan(reopen);
    expect(chronology).toContain("errors are back");
  });

  it("keeps the bot's resolution names out of people's hands", async () => {
    const reply = JSON.stringify((await run("milestone resolved-1 --at -5m")).json);
    expect(reply).toContain("kept by the bot for a resolution before a reopen");
    expect(t.emulator.violations).toEqual([]);
  });
});
