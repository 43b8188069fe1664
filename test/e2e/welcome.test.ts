// Joining an incident channel mid-outage: the newcomer, and only they, gets where things stand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import { eventually } from "../support/eventually.ts";

describe("welcoming someone who joins an incident channel", () => {
  let t: TestBot;
  let ic: string;
  let channel: string;
  let general: string;

  beforeAll(async () => {
    t = await startTestBot();
    ic = t.emulator.addUser({ name: "ines" }).id;
    general = t.emulator.addChannel({ name: "general", members: [ic] }).id;
    channel = (await declareIncident(t, "Payments timing out --sev 1", { by: ic, from: general })).channel.id;
    await t.driver.command("update Failing over to the secondary <!channel>", { user: ic, channel });
    await t.settle();
  });
  afterAll(() => t.stop());

  it("shows the newcomer the incident's state and latest update, once even if Slack retries", async () => {
    const newcomer = t.emulator.addUser({ name: "nia" }).id;
    const joined = await t.driver.memberJoined({ user: newcomer, channel });
    await t.driver.event(
      { type: "member_joined_channel", user: newcomer, channel, channel_type: "C", team: t.emulator.teamId },
      { eventId: joined.eventId, retryNum: 1, retryReason: "http_timeout" },
    );
    const shown = await eventually(async () => {
      await t.settle();
      const welcomes = t.emulator.ephemerals(channel).filter((e) => e.user === newcomer);
      expect(welcomes).not.toEqual([]);
      return welcomes;
    });
    await t.settle();
    const welcomes = t.emulator.ephemerals(channel).filter((e) => e.user === newcomer);
    expect(welcomes).toHaveLength(1);
    const text = JSON.stringify(shown[0]);
    expect(text).toContain("Welcome to *INC-1: Payments timing out*");
    expect(text).toContain("SEV1");
    expect(text).toContain(`<@${ic}>`);
    expect(text).toContain("Failing over to the secondary");
    expect(text).not.toContain("<!channel>");
  });

  it("says nothing when someone joins a channel that is not an incident's", async () => {
    const other = t.emulator.addUser({ name: "oli" }).id;
    await t.driver.memberJoined({ user: other, channel: general });
    // Someone joining the incident channel afterwards: once they are welcomed, the join before
    // theirs has had its chance to (wrongly) welcome anyone.
    const marker = t.emulator.addUser({ name: "mo" }).id;
    await t.driver.memberJoined({ user: marker, channel });
    await eventually(async () => {
      await t.settle();
      expect(t.emulator.ephemerals(channel).filter((e) => e.user === marker)).toHaveLength(1);
    });
    expect(t.emulator.ephemerals(general).filter((e) => e.user === other)).toHaveLength(0);
    expect(t.emulator.violations).toEqual([]);
  });
});
