// The handoff state machine and its escalation schedule, as pure rules.
import { describe, expect, it } from "vitest";
import {
  acceptanceLatencyMs,
  acceptDeadline,
  escalationDueAt,
  escalationIntervalMs,
  type HandoffState,
  isPending,
  mayAccept,
  mayBrief,
  nextReminderAt,
  transition,
} from "../../../../src/domain/handoff/state.ts";

const t = (iso: string) => new Date(iso);
const MIN = 60_000;

describe("handoff states", () => {
  it("goes prompted → briefed → accepted, a second brief before acceptance being a revision", () => {
    let state: HandoffState = "prompted";
    const step = (action: Parameters<typeof transition>[1]) => {
      const result = transition(state, action);
      if (!result.ok) throw new Error(result.reason);
      state = result.state;
      return state;
    };
    expect(step("escalate")).toBe("prompted");
    expect(step("brief")).toBe("briefed");
    expect(step("brief")).toBe("briefed");
    expect(step("escalate")).toBe("briefed");
    expect(step("accept")).toBe("accepted");
    expect(isPending(state)).toBe(false);
  });

  it("accepting without a brief is allowed (the outgoing holder may be gone)", () => {
    expect(transition("prompted", "accept")).toEqual({ ok: true, state: "accepted" });
  });

  it("nothing happens to a handoff once accepted, superseded or cancelled, and says why", () => {
    for (const closed of ["accepted", "superseded", "cancelled"] as const) {
      for (const action of ["brief", "accept", "escalate", "supersede", "cancel"] as const) {
        const result = transition(closed, action);
        expect(result.ok, `${closed} + ${action}`).toBe(false);
      }
    }
    expect(transition("accepted", "accept")).toEqual({
      ok: false,
      reason: "This handoff has already been accepted.",
    });
    expect(transition("superseded", "accept")).toMatchObject({ reason: expect.stringMatching(/newer/) });
    expect(transition("prompted", "supersede")).toEqual({ ok: true, state: "superseded" });
  });

  it("only the incoming holder or an admin accepts; the outgoing holder, the holder now or an admin briefs", () => {
    const handoff = { toUserId: "UBOB", fromUserId: "UALI" };
    expect(mayAccept(handoff, "UBOB", false)).toBe(true);
    expect(mayAccept(handoff, "UALI", false)).toBe(false);
    expect(mayAccept(handoff, "UEVE", true)).toBe(true);
    expect(mayBrief(handoff, "UALI", "UALI", false)).toBe(true);
    expect(mayBrief({ fromUserId: null }, "UCAR", "UCAR", false)).toBe(true);
    expect(mayBrief(handoff, "UALI", "UBOB", false)).toBe(false);
    expect(mayBrief(handoff, "UALI", "UEVE", true)).toBe(true);
  });
});

describe("deadlines, escalations and latency", () => {
  const boundary = t("2026-03-08T16:00:00Z");

  it("gives acceptWithin after the boundary, or after the prompt when it came late or by hand", () => {
    expect(acceptDeadline(boundary, t("2026-03-08T15:45:00Z"), 10 * MIN)).toEqual(t("2026-03-08T16:10:00Z"));
    expect(acceptDeadline(boundary, t("2026-03-08T16:30:00Z"), 10 * MIN)).toEqual(t("2026-03-08T16:40:00Z"));
    expect(acceptDeadline(null, t("2026-03-08T09:00:00Z"), 10 * MIN)).toEqual(t("2026-03-08T09:10:00Z"));
  });

  it("escalates at the deadline, then every acceptWithin until accepted", () => {
    const handoff = {
      boundaryAt: boundary,
      promptedAt: t("2026-03-08T15:45:00Z"),
      acceptBy: t("2026-03-08T16:10:00Z"),
    };
    const interval = escalationIntervalMs(handoff);
    expect(interval).toBe(10 * MIN);
    expect([0, 1, 2].map((n) => escalationDueAt(handoff.acceptBy, interval, n).toISOString())).toEqual([
      "2026-03-08T16:10:00.000Z",
      "2026-03-08T16:20:00.000Z",
      "2026-03-08T16:30:00.000Z",
    ]);
  });

  it("after a long pause reminders resume at the interval instead of firing all at once", () => {
    const acceptBy = t("2026-03-08T16:10:00Z");
    expect(nextReminderAt(acceptBy, 10 * MIN, 1, t("2026-03-08T16:10:00Z")).toISOString()).toBe(
      "2026-03-08T16:20:00.000Z",
    );
    expect(nextReminderAt(acceptBy, 10 * MIN, 1, t("2026-03-08T17:05:00Z")).toISOString()).toBe(
      "2026-03-08T17:10:00.000Z",
    );
  });

  it("measures latency from the boundary (or the prompt, when manual), negative when early", () => {
    expect(acceptanceLatencyMs(boundary, t("2026-03-08T15:45:00Z"), t("2026-03-08T16:07:00Z"))).toBe(7 * MIN);
    expect(acceptanceLatencyMs(boundary, t("2026-03-08T15:45:00Z"), t("2026-03-08T15:55:00Z"))).toBe(
      -5 * MIN,
    );
    expect(acceptanceLatencyMs(null, t("2026-03-08T09:00:00Z"), t("2026-03-08T09:03:00Z"))).toBe(3 * MIN);
  });
});
