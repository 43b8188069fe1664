// Long-duty nudges for every role holder, not only roles on a rotation: a regional lead with no
// rotation who has held the role for LONG_DUTY_HOURS gets the same gentle DM, once per threshold.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { type DeclaredIncident, declareIncident } from "../support/declared-incident.ts";

describe("long-duty nudges without a rotation", () => {
  let t: TestBot;
  let incident: DeclaredIncident;
  let ic: string;
  let lead: string;

  beforeAll(async () => {
    t = await startTestBot({ env: { LONG_DUTY_HOURS: "12" } });
    ic = t.emulator.addUser({ name: "ines" }).id;
    lead = t.emulator.addUser({ name: "lea" }).id;
    const general = t.emulator.addChannel({ name: "general", members: [ic] }).id;
    // Declared at 06:00 (the harness's simulated start); the lead takes eu1 at 07:00.
    incident = await declareIncident(t, "Intake down --sev 1", { by: ic, from: general });
    await t.advance("1h");
    await t.driver.command(`workstream add eu1 --lead <@${lead}|lea>`, {
      user: ic,
      channel: incident.channel.id,
    });
    await t.settle();
  });
  afterAll(() => t.stop());

  const nudges = (user: string) =>
    t.emulator.dms(user).filter((m) => m.text.includes("Long shifts wear anyone down"));

  it("nudges the commander and a workstream lead at 12 hours each, once per threshold", async () => {
    await t.setClock("2026-03-08T17:59:00Z");
    expect(nudges(ic)).toHaveLength(0);
    await t.setClock("2026-03-08T18:00:00Z");
    expect(nudges(ic)).toHaveLength(1);
    expect(nudges(ic)[0]?.text).toContain(`held incident command of INC-${incident.number}`);
    expect(nudges(ic)[0]?.text).toContain("for 12h");
    // No rotation, so no "who is on next" to point to.
    expect(nudges(ic)[0]?.text).not.toContain("/incident shifts");
    expect(nudges(ic)[0]?.text).toContain("`/incident handoff @someone` starts the handoff");
    expect(nudges(lead)).toHaveLength(0);
    await t.setClock("2026-03-08T19:00:00Z");
    expect(nudges(lead)).toHaveLength(1);
    expect(nudges(ic)).toHaveLength(1);
    await t.setClock("2026-03-09T06:00:00Z");
    expect(nudges(ic)).toHaveLength(2);
    expect(nudges(ic)[1]?.text).toContain("for 24h");
    const entries = await t.bot.deps.database.db.timelineEntry.count({
      where: { kind: "long_shift_prompted" },
    });
    expect(entries).toBe(3);
    expect(t.emulator.violations).toEqual([]);
  });
});
