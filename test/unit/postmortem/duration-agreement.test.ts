// One duration for every surface: the pinned summary and the postmortem draft measure an
// incident the same way (impact start, else declaration, to resolution), so they agree to the
// minute even when impact started before the declaration (a backdated milestone).
import { describe, expect, it } from "vitest";
import type { IncidentView } from "../../../src/db/queries/incident-view.ts";
import { buildPostmortem } from "../../../src/domain/postmortem/build.ts";
import { renderMarkdown } from "../../../src/domain/postmortem/render.ts";
import { describeIncidentSpan, formatDuration, incidentSpan } from "../../../src/domain/time/duration.ts";
import { incidentSummary } from "../../../src/slack/views/incident-summary.ts";
import { richIncident } from "../../fixtures/postmortem/rich-incident.ts";

function summaryView(input: ReturnType<typeof richIncident>): IncidentView {
  const i = input.incident;
  return {
    incident: {
      ...i,
      id: 1,
      channelId: "C0INC42",
      topic: null,
      summaryTs: null,
      boardTs: null,
      announceTs: null,
      rotation: null,
      lastUpdateAt: null,
      updateCount: 3,
      remindersSnoozedUntil: null,
      publishedAt: null,
      updatedAt: i.closedAt ?? i.createdAt,
    },
    roles: [],
    workstreams: [],
    services: [],
    milestones: input.milestones.map((m, n) => ({ ...m, id: n + 1, incidentId: 1 })),
    latestUpdate: null,
  } as IncidentView;
}

const fieldsText = (view: IncidentView, now: Date) => JSON.stringify(incidentSummary(view, now).blocks);

describe("the incident's duration", () => {
  it("is the same string in the pinned summary and the draft", () => {
    const input = richIncident();
    const draft = renderMarkdown(buildPostmortem(input));
    const duration = /\*\*Duration:\*\* ([^,]+),/.exec(draft)?.[1];
    // Impact began 06:00, declared 06:31, resolved the next day 11:30.
    expect(duration).toBe("1d 5h 30m");
    const summary = fieldsText(summaryView(input), new Date("2023-03-10T00:00:00Z"));
    expect(summary).toContain("(1d 5h 30m from impact start to resolution)");
  });

  it("runs to now while the incident is open, in both", () => {
    const input = richIncident();
    input.incident.resolvedAt = null;
    input.incident.closedAt = null;
    input.milestones = input.milestones.filter((m) => m.name !== "resolved" && m.name !== "closed");
    const now = new Date("2023-03-08T08:15:00Z");
    const span = incidentSpan({ ...input.incident, milestones: input.milestones }, now);
    expect(describeIncidentSpan(span)).toBe("2h 15m since impact start");
    expect(fieldsText(summaryView(input), now)).toContain("(2h 15m since impact start)");
    expect(formatDuration(span.ms)).toBe("2h 15m");
  });

  it("counts from the declaration when no impact start was recorded, and to closure without a resolution", () => {
    const declared = new Date("2023-03-08T06:31:00Z");
    const span = incidentSpan(
      {
        createdAt: declared,
        resolvedAt: null,
        closedAt: new Date("2023-03-08T09:00:00Z"),
        milestones: [{ name: "declared", occurredAt: new Date("2023-03-08T06:21:00Z") }],
      },
      new Date("2031-01-01T00:00:00Z"),
    );
    expect(describeIncidentSpan(span)).toBe("2h 39m from declaration to closure");
  });
});
