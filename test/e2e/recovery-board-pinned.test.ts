// The recovery board is pinned when it is first posted and linked from the pinned summary, so
// through a long outage it is one click away however many messages come after it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { type DeclaredIncident, declareIncident } from "../support/declared-incident.ts";

describe("the recovery board", () => {
  let t: TestBot;
  let incident: DeclaredIncident;
  let ic: string;

  beforeAll(async () => {
    t = await startTestBot();
    ic = t.emulator.addUser({ name: "ines" }).id;
    const general = t.emulator.addChannel({ name: "general", members: [ic] }).id;
    incident = await declareIncident(t, "Intake down --sev 1", { by: ic, from: general });
  });
  afterAll(() => t.stop());

  const run = (text: string) => t.driver.command(text, { user: ic, channel: incident.channel.id });
  const board = () =>
    t.emulator
      .messages(incident.channel.id)
      .find((m) => JSON.stringify(m.blocks ?? []).includes("Recovery board ·"));

  it("is pinned when first posted and linked from the pinned summary", async () => {
    await run("service logs outage --region us1");
    await run("service metrics degraded --region eu1");
    await t.settle();
    const posted = board();
    expect(posted?.pinned).toBe(true);
    const summary = t.emulator
      .messages(incident.channel.id)
      .find((m) => m.text.startsWith(`INC-${incident.number} `));
    expect(summary?.pinned).toBe(true);
    const shown = JSON.stringify(summary?.blocks);
    expect(shown).toContain("|Recovery by service and region>");
    expect(shown).toContain(posted?.ts.replace(".", "") ?? "no board");
    expect(shown).toContain("(2 rows)");
    // Later changes edit the same pinned board; nothing new is pinned.
    await run("service logs recovering --region us1");
    await t.settle();
    expect(board()?.ts).toBe(posted?.ts);
    expect(t.emulator.messages(incident.channel.id).filter((m) => m.pinned)).toHaveLength(2);
    expect(t.emulator.violations).toEqual([]);
  });
});
