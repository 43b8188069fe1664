// `/incident roles` on a long incident: four shifts of leads over two days make well over a
// hundred terms. The newest terms come first and nothing recent is cut; older ones are a page
// away, and a bad page number gets a clear answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { type DeclaredIncident, declareIncident } from "../support/declared-incident.ts";

describe("the roles history of a long incident", () => {
  let t: TestBot;
  let incident: DeclaredIncident;
  let ic: string;
  const leads: string[] = [];
  const TERMS = 120;

  beforeAll(async () => {
    t = await startTestBot();
    ic = t.emulator.addUser({ name: "ines" }).id;
    for (let i = 0; i < 6; i++) leads.push(t.emulator.addUser({ name: `lead-${i}` }).id);
    const general = t.emulator.addChannel({ name: "general", members: [ic] }).id;
    incident = await declareIncident(t, "Intake down --sev 1", { by: ic, from: general });
    // Two days of six-hourly comms-lead terms, seeded as rows: typing 120 commands would test
    // nothing more than the role command's own tests do.
    const start = Date.parse("2026-03-06T00:00:00Z");
    await t.bot.deps.database.db.roleAssignment.createMany({
      data: Array.from({ length: TERMS }, (_, n) => ({
        incidentId: incident.id,
        role: "comms",
        userId: leads[n % leads.length] as string,
        startedAt: new Date(start + n * 20 * 60_000),
        endedAt: new Date(start + (n + 1) * 20 * 60_000),
        assignedById: ic,
      })),
    });
  });
  afterAll(() => t.stop());

  const roles = async (text: string) => {
    const response = await t.driver.command(text, { user: ic, channel: incident.channel.id });
    return JSON.stringify(response.json);
  };

  it("lists earlier terms newest first, so the most recent are never the ones cut", async () => {
    const first = await roles("roles");
    expect(first).toContain("*Incident commander:*");
    expect(first).toContain("page 1 of 3");
    // The last term ended at 00:00 + 120 × 20 min = 2026-03-07 16:00.
    expect(first).toContain("→ 2026-03-07 16:00 UTC");
    expect(first).not.toContain("2026-03-06 00:00 UTC →");
    const newest = first.indexOf("→ 2026-03-07 16:00 UTC");
    const older = first.indexOf("→ 2026-03-07 15:40 UTC");
    expect(newest).toBeGreaterThan(-1);
    expect(older).toBeGreaterThan(newest);
    expect(first).toContain("/incident roles --page 2");
  });

  it("shows the oldest terms on the last page", async () => {
    const last = await roles("roles --page 3");
    expect(last).toContain("page 3 of 3");
    expect(last).toContain("2026-03-06 00:00 UTC → 2026-03-06 00:20 UTC");
    expect(last).not.toContain("--page 4");
  });

  it("answers a page past the end with the last page, saying so, and a bad page clearly", async () => {
    const beyond = await roles("roles --page 9");
    expect(beyond).toContain("There are 3 pages of earlier terms; showing page 3.");
    const bad = await roles("roles --page two");
    expect(bad).toContain("`--page` is a page number");
  });
});
