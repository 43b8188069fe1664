// The pinned summary's milestones carry dates once the incident spans days, so "mitigated 17:45
// · backfill-complete 09:25" never reads as time running backwards; a same-day incident keeps
// the short form.
import { describe, expect, it } from "vitest";
import type { IncidentView } from "../../../src/domain/incident/incident-view.ts";
import { incidentSummary } from "../../../src/slack/views/incident-summary.ts";

function view(
  createdAt: string,
  milestones: [string, string][],
  closedAt: string | null = null,
): IncidentView {
  return {
    incident: {
      id: 1,
      number: 7,
      title: "Intake down",
      summary: "",
      severity: 1,
      peakSeverity: 1,
      status: closedAt ? "resolved" : "monitoring",
      isPrivate: false,
      regions: [],
      services: [],
      channelId: "C0INC7",
      createdAt: new Date(createdAt),
      closedAt: closedAt ? new Date(closedAt) : null,
      resolvedAt: closedAt ? new Date(closedAt) : null,
    },
    roles: [],
    workstreams: [],
    services: [],
    milestones: milestones.map(([name, at], n) => ({
      id: n + 1,
      incidentId: 1,
      name,
      occurredAt: new Date(at),
    })),
  } as unknown as IncidentView;
}

const footer = (v: IncidentView, now: string) => {
  const blocks = incidentSummary(v, new Date(now)).blocks as {
    type: string;
    elements?: { text: string }[];
  }[];
  return blocks.filter((b) => b.type === "context").at(-1)?.elements?.[0]?.text ?? "";
};

describe("milestones in the pinned summary", () => {
  it("show dates when the incident spans days", () => {
    const v = view("2023-03-08T06:31:00Z", [
      ["mitigated", "2023-03-08T17:45:00Z"],
      ["backfill-complete", "2023-03-09T09:25:00Z"],
    ]);
    expect(footer(v, "2023-03-09T10:00:00Z")).toContain(
      "mitigated 2023-03-08 17:45 UTC · backfill-complete 2023-03-09 09:25 UTC",
    );
  });

  it("show dates once an open incident has run past midnight, even before a later milestone", () => {
    const v = view("2023-03-08T22:00:00Z", [["mitigated", "2023-03-08T23:10:00Z"]]);
    expect(footer(v, "2023-03-09T01:00:00Z")).toContain("mitigated 2023-03-08 23:10 UTC");
  });

  it("keep the short form within one day", () => {
    const v = view("2023-03-08T06:31:00Z", [["mitigated", "2023-03-08T07:45:00Z"]]);
    expect(footer(v, "2023-03-08T08:00:00Z")).toContain("mitigated 07:45 UTC");
    expect(footer(v, "2023-03-08T08:00:00Z")).not.toContain("2023-03-08 07:45");
  });
});
