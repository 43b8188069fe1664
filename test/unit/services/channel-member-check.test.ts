// "Anyone in the incident channel may…": the remembered members say yes without a Slack call;
// a "no" is asked of Slack fresh before anyone is refused; Slack down is never read as "member".
import { describe, expect, it } from "vitest";
import type { Directory } from "../../../src/services/ports.ts";
import { isChannelMember } from "../../../src/services/timeline/channel-membership.ts";

function directory(remembered: string[] | Error, fresh: string[] | Error) {
  const calls = { remembered: 0, fresh: 0 };
  const answer = (value: string[] | Error) =>
    value instanceof Error ? Promise.reject(value) : Promise.resolve(value);
  const fake = {
    knownChannelMembers: () => {
      calls.remembered++;
      return answer(remembered);
    },
    channelMembers: () => {
      calls.fresh++;
      return answer(fresh);
    },
  } as Partial<Directory> as Directory;
  return { deps: { directory: fake }, calls };
}

describe("isChannelMember", () => {
  it("takes a remembered member without asking Slack", async () => {
    const { deps, calls } = directory(["UALICE"], ["UALICE"]);
    expect(await isChannelMember(deps, "C1", "UALICE")).toBe(true);
    expect(calls).toEqual({ remembered: 1, fresh: 0 });
  });

  it("asks Slack before saying no: someone who just joined is let in", async () => {
    const { deps, calls } = directory(["UALICE"], ["UALICE", "UBOB"]);
    expect(await isChannelMember(deps, "C1", "UBOB")).toBe(true);
    expect(calls.fresh).toBe(1);
  });

  it("refuses someone Slack does not list either", async () => {
    const { deps } = directory(["UALICE"], ["UALICE"]);
    expect(await isChannelMember(deps, "C1", "UMALLORY")).toBe(false);
  });

  it("falls back to Slack when the remembered copy cannot be read", async () => {
    const { deps } = directory(new Error("down"), ["UBOB"]);
    expect(await isChannelMember(deps, "C1", "UBOB")).toBe(true);
  });

  it("fails rather than guess when Slack cannot answer", async () => {
    const { deps } = directory([], new Error("slack is down"));
    await expect(isChannelMember(deps, "C1", "UBOB")).rejects.toThrow("slack is down");
  });
});
