// Every message that shows current state is current after every kind of change: workstream
// channels after severity and board changes, the announcement after a change of command, the
// board's note after a later phase. And a change that alters nothing a message shows does not
// cost a chat.update.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import type { ChannelRecord } from "../support/slack-emulator/index.ts";
import { startSlackEmulator } from "../support/slack-emulator/index.ts";

describe("state messages stay current", () => {
  let t: TestBot;
  let ic: string;
  let next: string;
  let announce: string;
  let incidentChannel: ChannelRecord;
  let us1: ChannelRecord;

  const pinned = (channel: ChannelRecord) =>
    JSON.stringify(t.emulator.messages(channel.id).find((m) => m.pinned)?.blocks ?? []);

  beforeAll(async () => {
    const emulator = await startSlackEmulator();
    announce = emulator.addChannel({ name: "incidents" }).id;
    ic = emulator.addUser({ name: "ines" }).id;
    next = emulator.addUser({ name: "noor" }).id;
    const general = emulator.addChannel({ name: "general", members: [ic, next] }).id;
    t = await startTestBot({ emulator, env: { INCIDENT_ANNOUNCE_CHANNEL: announce } });
    incidentChannel = (await declareIncident(t, "Queries failing --sev 2", { by: ic, from: general }))
      .channel;
    await t.driver.command("workstream add us1 --channel", { user: ic, channel: incidentChannel.id });
    await t.settle();
    us1 = t.emulator.channelByName("inc-1-us1")!;
  });
  afterAll(async () => {
    await t.stop();
    await t.emulator.stop();
  });

  it("updates workstream channels when the incident's severity changes", async () => {
    await t.driver.command("sev 1 every region", { user: ic, channel: incidentChannel.id });
    await t.settle();
    expect(pinned(us1)).toContain("SEV1");
    expect(t.emulator.channel(us1.id)?.topic.value).toContain("SEV1");
  });

  it("updates a workstream's summary when its region's services change", async () => {
    await t.driver.command("service queries outage --region us1", { user: ic, channel: incidentChannel.id });
    await t.settle();
    expect(pinned(us1)).toContain("queries");
    expect(pinned(us1)).toContain("outage");
  });

  it("names the new commander in the announcement after command changes hands", async () => {
    t.emulator.joinChannel(incidentChannel.id, next);
    await t.driver.command(`role commander <@${next}|noor>`, { user: ic, channel: incidentChannel.id });
    await t.settle();
    const announcement = JSON.stringify(t.emulator.messages(announce)[0]?.blocks);
    expect(announcement).toContain(`*Commander*\\n<@${next}>`);
  });

  it("shows the note of the phase that changed last on the board", async () => {
    await t.driver.command("service queries recovered --region us1 live is back", {
      user: next,
      channel: incidentChannel.id,
    });
    await t.driver.command("service queries recovered --region us1 --phase backfill history replayed", {
      user: next,
      channel: incidentChannel.id,
    });
    await t.settle();
    const board = t.emulator
      .messages(incidentChannel.id)
      .find((m) => JSON.stringify(m.blocks).includes("Recovery board"));
    expect(JSON.stringify(board?.blocks)).toContain("history replayed");
    expect(JSON.stringify(board?.blocks)).not.toContain("live is back");
  });

  it("does not call chat.update for a message whose content did not change", async () => {
    const updatesBefore = t.emulator.callsTo("chat.update").length;
    // A milestone changes the incident summary, not the board nor the announcement.
    await t.driver.command("milestone detected --at -30m", { user: next, channel: incidentChannel.id });
    await t.settle();
    const updates = t.emulator.callsTo("chat.update").slice(updatesBefore);
    expect(updates).toHaveLength(1);
    expect(updates[0]?.args.channel).toBe(incidentChannel.id);
    expect(t.emulator.violations).toEqual([]);
  });
});
