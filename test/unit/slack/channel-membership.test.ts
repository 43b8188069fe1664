// The remembered channel members behind lists of private incidents.
import { describe, expect, it } from "vitest";
import {
  createChannelMembership,
  MEMBERSHIP_TTL_MS,
  notingInvites,
} from "../../../src/slack/channel-membership.ts";

function fakeSlack(members: Record<string, string[]>) {
  const calls: string[] = [];
  let fail = false;
  return {
    calls,
    failNext: () => {
      fail = true;
    },
    read: async (channel: string) => {
      calls.push(channel);
      if (fail) {
        fail = false;
        throw new Error("ratelimited");
      }
      return [...(members[channel] ?? [])];
    },
  };
}

describe("channel membership", () => {
  it("asks once per channel within the TTL, shares a read in flight, and asks again after", async () => {
    let now = 0;
    const slack = fakeSlack({ C1: ["U1"] });
    const membership = createChannelMembership(slack.read, () => now);
    await Promise.all([membership.members("C1"), membership.members("C1")]);
    expect(await membership.members("C1")).toEqual(["U1"]);
    expect(slack.calls).toEqual(["C1"]);
    now += MEMBERSHIP_TTL_MS;
    await membership.members("C1");
    expect(slack.calls).toEqual(["C1", "C1"]);
  });

  it("follows joins, leaves and the bot's invites, including those heard during a read", async () => {
    const slack = fakeSlack({ C1: ["U1", "U2"] });
    const membership = createChannelMembership(slack.read);
    const reading = membership.members("C1");
    membership.left("C1", "U2");
    await reading;
    expect(await membership.members("C1")).toEqual(["U1"]);
    membership.joined("C1", ["U3"]);
    // Slack refused U6 (say, deactivated): not noted as a member.
    const gateway = notingInvites(
      { invite: async (_channel: string, _users: string[]) => ({ refused: ["U6"] }) },
      membership,
    );
    await gateway.invite("C1", ["U4", "U5", "U6"]);
    expect((await membership.members("C1")).sort()).toEqual(["U1", "U3", "U4", "U5"]);
    expect(slack.calls).toEqual(["C1"]);
  });

  it("never remembers a failure", async () => {
    const slack = fakeSlack({ C1: ["U1"] });
    const membership = createChannelMembership(slack.read);
    slack.failNext();
    await expect(membership.members("C1")).rejects.toThrow("ratelimited");
    expect(await membership.members("C1")).toEqual(["U1"]);
  });
});
