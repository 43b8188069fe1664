// Which steps of a lane pass let go of the lane's lease with their settling statement (see
// src/outbox/lane-lease.ts): every step of the lane's last message; otherwise a wait, and a rate
// limit unless a state refresh is stepped over. Also that the heartbeat stops before that
// statement, and that a statement that fails leaves the lease to the pass's own release.
import { describe, expect, it } from "vitest";
import type { HeldLease } from "../../../src/db/repositories/outbox.ts";
import { LaneLease, type LaneStep, type MessagePlace } from "../../../src/outbox/lane-lease.ts";

const held = { key: "outbox:channel:C1", holder: "me" };
const steps: LaneStep[] = ["settled", "rate-limited", "wait", "stepped over"];

/** The steps whose settling statement was handed the lease, with the lease at `place`. */
async function releasingSteps(place: MessagePlace | null): Promise<LaneStep[]> {
  const releasing: LaneStep[] = [];
  for (const step of steps) {
    const lease = new LaneLease(held, () => {});
    if (place) lease.workingOn(place);
    await lease.settle(step, async (release) => {
      if (release) releasing.push(step);
    });
    expect(lease.released).toBe(releasing.includes(step));
  }
  return releasing;
}

describe("LaneLease", () => {
  it("releases with any step of the lane's last message", async () => {
    expect(await releasingSteps({ last: true, refresh: false })).toEqual(steps);
    expect(await releasingSteps({ last: true, refresh: true })).toEqual(steps);
  });

  it("releases with a wait or a rate limit when more follows, but not with a rate-limited refresh", async () => {
    expect(await releasingSteps({ last: false, refresh: false })).toEqual(["rate-limited", "wait"]);
    expect(await releasingSteps({ last: false, refresh: true })).toEqual(["wait"]);
  });

  it("releases with nothing before the pass's first message", async () => {
    expect(await releasingSteps(null)).toEqual([]);
  });

  it("follows the place of the message it works on now, not an earlier one", async () => {
    const lease = new LaneLease(held, () => {});
    const handed: (HeldLease | undefined)[] = [];
    const send = async (release: HeldLease | undefined) => {
      handed.push(release);
    };
    lease.workingOn({ last: false, refresh: false });
    await lease.settle("settled", send);
    lease.workingOn({ last: true, refresh: false });
    await lease.settle("settled", send);
    expect(handed).toEqual([undefined, held]);
  });

  it("stops renewing before the releasing statement, and stays held when that statement fails", async () => {
    const events: string[] = [];
    const lease = new LaneLease(held, () => events.push("stop renewing"));
    lease.workingOn({ last: true, refresh: false });
    const failing = lease.settle("settled", async () => {
      events.push("statement");
      throw new Error("connection lost");
    });
    await expect(failing).rejects.toThrow("connection lost");
    expect(events).toEqual(["stop renewing", "statement"]);
    expect(lease.released).toBe(false);
  });
});
