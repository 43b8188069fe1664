// Multi-level command: an incident-wide change typed in a workstream channel is news in the
// incident's channel (and the workstream channel gets the line too); a workstream's own change
// stays in its channel and rolls up into the incident's pinned summary.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { type DeclaredIncident, declareIncident } from "../support/declared-incident.ts";
import type { ChannelRecord } from "../support/slack-emulator/types.ts";

describe("changes typed in a workstream channel", () => {
  let t: TestBot;
  let incident: DeclaredIncident;
  let eu1: ChannelRecord;
  let ic: string;
  let lead: string;

  beforeAll(async () => {
    t = await startTestBot();
    ic = t.emulator.addUser({ name: "ines" }).id;
    lead = t.emulator.addUser({ name: "lea" }).id;
    const general = t.emulator.addChannel({ name: "general", members: [ic] }).id;
    incident = await declareIncident(t, "Intake down --sev 2", { by: ic, from: general });
    await t.driver.command(`workstream add eu1 --lead <@${lead}|lea> --channel`, {
      user: ic,
      channel: incident.channel.id,
    });
    await t.settle();
    eu1 = t.emulator.channelByName(`inc-${incident.number}-eu1`) as ChannelRecord;
  });
  afterAll(() => t.stop());

  const lines = (channel: string, needle: string) =>
    t.emulator.messages(channel).filter((m) => `${m.text}${JSON.stringify(m.blocks ?? [])}`.includes(needle));

  it("announce an incident-wide change in the incident's channel as well as where it was typed", async () => {
    await t.driver.command("sev 1 eu1 shows data loss", { user: ic, channel: eu1.id });
    await t.settle();
    expect(lines(incident.channel.id, "eu1 shows data loss")).toHaveLength(1);
    expect(lines(eu1.id, "eu1 shows data loss")).toHaveLength(1);
  });

  it("keep a workstream's own change in its channel, rolled up into the incident's summary", async () => {
    await t.driver.command("workstream eu1 status monitoring replicas caught up", {
      user: lead,
      channel: eu1.id,
    });
    await t.settle();
    expect(lines(eu1.id, "replicas caught up")).toHaveLength(1);
    const summary = t.emulator.messages(incident.channel.id).find((m) => m.pinned);
    expect(JSON.stringify(summary?.blocks)).toMatch(/`eu1` [^\n]*[Mm]onitoring/);
    expect(lines(incident.channel.id, "replicas caught up")).toHaveLength(0);
    expect(t.emulator.violations).toEqual([]);
  });
});
