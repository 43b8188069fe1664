// How handoff entries read in Slack and in the postmortem's Markdown.
import { describe, expect, it } from "vitest";
import { describeEntry } from "../../../../src/domain/timeline/describe.ts";
import type { IncidentEvent } from "../../../../src/domain/timeline/events.ts";
import { phraseToMarkdown, phraseToMrkdwn } from "../../../../src/domain/timeline/render-phrase.ts";

const names: Record<string, string> = { UALI00001: "ali", UBOB00001: "bob", UEVE00001: "eve" };
const md = (event: IncidentEvent) =>
  phraseToMarkdown(describeEntry({ kind: event.kind, data: event, text: "" }), (id) => names[id] ?? id);
const slack = (event: IncidentEvent) =>
  phraseToMrkdwn(describeEntry({ kind: event.kind, data: event, text: "" }));

describe("handoff timeline entries", () => {
  it("read as sentences with both names, the boundary and the latency", () => {
    expect(
      md({
        kind: "handoff_prompted",
        handoffId: 1,
        rotation: "follow-the-sun",
        role: "commander",
        workstreamId: null,
        workstream: null,
        boundaryAt: "2026-03-08T08:00:00.000Z",
        fromUserId: "UALI00001",
        toUserId: "UBOB00001",
        manual: false,
      }),
    ).toBe(
      "Handoff prompted of incident command from @ali to @bob at the 2026-03-08 08:00 UTC shift change (rotation `follow-the-sun`)",
    );
    expect(
      slack({
        kind: "handoff_accepted",
        handoffId: 1,
        role: "lead",
        workstreamId: 4,
        workstream: "us1",
        fromUserId: "UALI00001",
        toUserId: "UBOB00001",
        acceptedById: "UEVE00001",
        boundaryAt: "2026-03-08T08:00:00.000Z",
        latencyMs: 7 * 60_000,
      }),
    ).toBe(
      "<@UBOB00001> took over lead of workstream `us1` from <@UALI00001> 7m after the shift change (accepted on their behalf by <@UEVE00001>)",
    );
    expect(
      md({
        kind: "handoff_escalated",
        handoffId: 1,
        escalation: 2,
        contactId: "S0MANAGERS",
        toUserId: "UBOB00001",
      }),
    ).toBe("Handoff to @bob not accepted in time: escalation 2 to user group `S0MANAGERS`");
    expect(
      md({
        kind: "long_shift_prompted",
        userId: "UALI00001",
        role: "commander",
        workstreamId: null,
        hours: 12,
      }),
    ).toBe("@ali has held incident command for 12h; reminded to hand off");
    expect(
      md({ kind: "rotation_attached", rotation: "follow-the-sun", workstreamId: 4, workstream: "us1" }),
    ).toBe("Workstream `us1` attached to rotation `follow-the-sun`");
  });

  it("never turns a brief into mentions", () => {
    const text = slack({
      kind: "handoff_briefed",
      handoffId: 1,
      fromUserId: "UALI00001",
      toUserId: "UBOB00001",
      brief: {
        currentState: "<!channel>",
        triedOrRuledOut: "",
        openActions: "",
        risks: "",
        nextCheckpoint: "",
      },
    });
    expect(text).toBe("<@UALI00001> wrote the handoff brief for <@UBOB00001>");
  });
});
