// The brief form's starting text, from what the timeline holds since the shift began.
import { describe, expect, it } from "vitest";
import {
  type BriefContext,
  normaliseBrief,
  prefillBrief,
  sameBrief,
} from "../../../../src/domain/handoff/brief.ts";

const t = (iso: string) => new Date(iso);

const context: BriefContext = {
  since: t("2026-03-08T08:00:00Z"),
  incident: { number: 12, title: "Metrics intake delayed", severity: 1, status: "identified" },
  workstream: { name: "us1", status: "monitoring" },
  updates: [
    { at: t("2026-03-08T09:00:00Z"), text: "Intake at 40%." },
    { at: t("2026-03-08T11:00:00Z"), text: "Intake at 80%; backfill starting." },
  ],
  notes: [{ at: t("2026-03-08T10:15:00Z"), text: "Rolled back agent 7.44: no change" }],
  severityChanges: [{ at: t("2026-03-08T08:30:00Z"), from: 2, to: 1, reason: "all regions" }],
  statusChanges: [{ at: t("2026-03-08T10:00:00Z"), to: "identified", message: "systemd upgrade" }],
  milestones: [{ name: "impact-started", at: t("2026-03-08T06:03:00Z") }],
  actions: [
    { text: "Restart intake nodes in us1", ownerName: "dana" },
    { text: "Page storage", ownerName: null },
  ],
  services: [
    { service: "metrics", region: "us1", phase: "live", state: "recovering", note: "" },
    { service: "logs", region: "us1", phase: "live", state: "recovered", note: "" },
    { service: "metrics", region: "us1", phase: "backfill", state: "outage", note: "queued" },
  ],
};

describe("the pre-filled handoff brief", () => {
  it("summarises severity, status, updates, milestones and the recovery board", () => {
    const brief = prefillBrief(context);
    expect(brief.currentState.split("\n")).toEqual([
      "SEV1 (critical) · identified — INC-12 Metrics intake delayed",
      "Workstream us1: monitoring",
      "08:30 UTC SEV2 → SEV1: all regions",
      "10:00 UTC status identified: systemd upgrade",
      'Status updates since 08:00 UTC: 2; latest 09:00 UTC "Intake at 40%."; 11:00 UTC "Intake at 80%; backfill starting."',
      "Milestones: impact-started 2026-03-08 06:03 UTC",
      "Recovery board: metrics us1: recovering; logs us1: recovered; metrics us1 (backfill): outage — queued",
    ]);
    expect(brief.triedOrRuledOut).toBe("• 10:15 UTC Rolled back agent 7.44: no change");
    expect(brief.openActions).toBe("• Restart intake nodes in us1 — dana\n• Page storage — no owner yet");
    expect(brief.risks).toBe("Not yet recovered: metrics us1 (recovering), metrics us1 (outage)");
    expect(brief.nextCheckpoint).toBe("");
  });

  it("says when nothing was posted, and stays within Slack's input limit for huge incidents", () => {
    const quiet = prefillBrief({ ...context, updates: [], notes: [], actions: [], services: [] });
    expect(quiet.currentState).toContain("No status updates posted since 08:00 UTC.");
    const huge = prefillBrief({
      ...context,
      notes: Array.from({ length: 400 }, (_, i) => ({
        at: t("2026-03-08T09:00:00Z"),
        text: `note ${i} ${"x".repeat(300)}`,
      })),
      actions: Array.from({ length: 300 }, (_, i) => ({
        text: `action ${i} ${"y".repeat(200)}`,
        ownerName: "kim",
      })),
    });
    expect(huge.triedOrRuledOut.length).toBeLessThanOrEqual(3000);
    expect(huge.openActions.length).toBeLessThanOrEqual(3000);
    expect(huge.openActions).toMatch(/…and \d+ more$/);
  });

  it("normalises submissions and recognises a repeated one", () => {
    const a = normaliseBrief({
      currentState: " ok ",
      triedOrRuledOut: "",
      openActions: "",
      risks: "",
      nextCheckpoint: "18:00",
    });
    expect(a.currentState).toBe("ok");
    expect(sameBrief(a, { ...a })).toBe(true);
    expect(sameBrief(a, { ...a, risks: "disk" })).toBe(false);
  });
});
