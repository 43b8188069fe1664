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
      {
        invite: async (_channel: string, _users: string[]) => ({ refused: ["U6"] }),
        createChannel: async (name: string, _isPrivate: boolean) => ({ id: "C9", name }),
      },
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

  it("answers `known` only from a fresh copy, without ever asking Slack", async () => {
    let now = 0;
    const slack = fakeSlack({ C1: ["U1"] });
    const membership = createChannelMembership(slack.read, () => now);
    expect(membership.known("C1")).toBeUndefined();
    await membership.members("C1");
    expect([...(membership.known("C1") ?? [])]).toEqual(["U1"]);
    // Past the TTL the copy may miss a leave another replica heard: it says nothing.
    now += MEMBERSHIP_TTL_MS;
    expect(membership.known("C1")).toBeUndefined();
    expect(slack.calls).toEqual(["C1"]);
  });

  it("says nothing while a read is under way, and follows a leave", async () => {
    const slack = fakeSlack({ C1: ["U1", "U2"] });
    const membership = createChannelMembership(slack.read);
    await membership.members("C1");
    const reading = membership.refresh("C1");
    expect(membership.known("C1")).toBeUndefined();
    await reading;
    membership.left("C1", "U2");
    expect([...(membership.known("C1") ?? [])]).toEqual(["U1"]);
  });

  it("starts a channel the bot created from its creator, without a read", async () => {
    const slack = fakeSlack({});
    const membership = createChannelMembership(slack.read);
    const gateway = notingInvites(
      {
        invite: async (_channel: string, _users: string[]) => ({ refused: [] }),
        createChannel: async (name: string, _isPrivate: boolean) => ({ id: "C7", name, creator: "UBOT" }),
      },
      membership,
    );
    await gateway.createChannel("inc-7", false);
    await gateway.invite("C7", ["U1"]);
    expect([...(membership.known("C7") ?? [])].sort()).toEqual(["U1", "UBOT"]);
    expect(await membership.members("C7")).toHaveLength(2);
    expect(slack.calls).toEqual([]);
  });

  it("refresh asks Slack even with a fresh copy, and the copy follows the answer", async () => {
    const members: Record<string, string[]> = { C1: ["U1", "U2"] };
    const slack = fakeSlack(members);
    const membership = createChannelMembership(slack.read);
    await membership.members("C1");
    // U2 left, and this replica did not hear it (another one got the event).
    members.C1 = ["U1"];
    expect(await membership.refresh("C1")).toEqual(["U1"]);
    expect([...(membership.known("C1") ?? [])]).toEqual(["U1"]);
    expect(slack.calls).toEqual(["C1", "C1"]);
  });

  it("keeps the newer of two answers that come back out of order", async () => {
    const answers: ((list: string[]) => void)[] = [];
    const membership = createChannelMembership(
      () => new Promise<string[]>((resolve) => answers.push(resolve)),
    );
    const older = membership.refresh("C1");
    const newer = membership.refresh("C1");
    answers[1]?.(["U1"]);
    await newer;
    answers[0]?.(["U1", "U2"]);
    await older;
    expect([...(membership.known("C1") ?? [])]).toEqual(["U1"]);
  });
});
