// Joining an incident channel mid-outage: the newcomer, and only they, gets where things stand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
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
    await t.driver.command("declare Payments timing out --sev 1", { user: ic, channel: general });
    await t.settle();
    channel = t.emulator.channelByName("inc-1-payments-timing-out")!.id;
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
      return t.emulator.ephemerals(channel).filter((e) => e.user === newcomer);
    }, "the welcome");
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
    await new Promise((resolve) => setTimeout(resolve, 100));
    await t.settle();
    expect(t.emulator.ephemerals(general).filter((e) => e.user === other)).toHaveLength(0);
    expect(t.emulator.violations).toEqual([]);
  });
});
