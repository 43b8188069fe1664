// Invites of people already in the channel cost no call (issue 18 item 6), and someone who left
// is invited again, whether the bot heard them leave or found out only when they clicked Join.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS } from "../../src/slack/ids.ts";
import { type AnnouncingTestBot, startAnnouncingTestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import { eventually } from "../support/eventually.ts";
import type { ChannelRecord } from "../support/slack-emulator/index.ts";

describe("invites of people already in the channel", () => {
  let t: AnnouncingTestBot;
  let ic: string;
  let kim: string;
  let rae: string;
  let channel: ChannelRecord;

  beforeAll(async () => {
    let general = "";
    t = await startAnnouncingTestBot((emulator, announce) => {
      ic = emulator.addUser({ name: "ines" }).id;
      kim = emulator.addUser({ name: "kim" }).id;
      rae = emulator.addUser({ name: "rae" }).id;
      general = emulator.addChannel({ name: "general", members: [ic, kim, rae] }).id;
      emulator.joinChannel(announce, rae);
    });
    ({ channel } = await declareIncident(t, "Search is down --sev 2", { by: ic, from: general }));
  });
  afterAll(() => t.stop());

  const invitesOf = (user: string) =>
    t.emulator
      .callsTo("conversations.invite")
      .filter((c) => c.args.channel === channel.id && String(c.args.users).split(",").includes(user));
  const members = () => t.emulator.channel(channel.id)!.members;
  const inviteKim = async () => {
    await t.driver.command(`invite <@${kim}|kim>`, { user: ic, channel: channel.id });
    await t.settle();
  };

  it("invites someone once, then not again while they are in the channel", async () => {
    await inviteKim();
    expect(members().has(kim)).toBe(true);
    expect(invitesOf(kim)).toHaveLength(1);
    // Given a role, then invited by name again: both find Kim in the channel.
    await t.driver.command(`role comms <@${kim}|kim>`, { user: ic, channel: channel.id });
    await inviteKim();
    expect(invitesOf(kim)).toHaveLength(1);
  });

  it("invites again someone the bot heard leave", async () => {
    members().delete(kim);
    await t.driver.event({
      type: "member_left_channel",
      user: kim,
      channel: channel.id,
      channel_type: "C",
      team: t.emulator.teamId,
    });
    await inviteKim();
    expect(members().has(kim)).toBe(true);
    expect(invitesOf(kim)).toHaveLength(2);
  });

  it("invites again someone who left unheard and clicks Join: the click asks Slack, and the copy follows", async () => {
    const announcement = t.emulator.messages(t.announce)[0]!;
    const join = async () => {
      const click = await t.driver.clickButton({
        user: rae,
        message: announcement,
        actionId: ACTIONS.joinIncident,
      });
      await eventually(() => expect(t.emulator.responsesTo(click.responseUrl!)).toHaveLength(1));
      await t.settle();
    };
    await join();
    expect(members().has(rae)).toBe(true);
    // Leaves, and the leave event reached another replica (or none): this one's copy still lists Rae.
    members().delete(rae);
    await join();
    expect(members().has(rae)).toBe(true);
    expect(invitesOf(rae)).toHaveLength(2);
  });

  it("made no call that Slack would reject", () => {
    expect(t.emulator.violations).toEqual([]);
  });
});
