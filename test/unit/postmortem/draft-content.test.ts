// What the draft says about an incident: the facts each section derives from the timeline,
// tolerance of missing or malformed data, and determinism.
import { describe, expect, it } from "vitest";
import { buildPostmortem } from "../../../src/domain/postmortem/build.ts";
import type { PostmortemEntry, PostmortemInput } from "../../../src/domain/postmortem/input.ts";
import { renderJson, renderMarkdown } from "../../../src/domain/postmortem/render.ts";
import { minimalIncident } from "../../fixtures/postmortem/minimal-incident.ts";
import { PEOPLE, richIncident } from "../../fixtures/postmortem/rich-incident.ts";

const doc = buildPostmortem(richIncident());

describe("the draft of the rich incident", () => {
  it("puts the key moments in the order they happened, backdated ones included", () => {
    expect(doc.chronology.map((row) => [row.at.slice(11, 16), row.moment])).toEqual([
      ["06:00", "Impact started"],
      ["06:21", "Declared"],
      ["06:45", "Escalated to SEV1"],
      ["06:50", "First status update"],
      ["07:30", "Status: identified"],
      ["08:00", "First note on the cause"],
      ["09:15", "First recovery in us1"],
      ["10:00", "Key status update"],
      ["14:07", "Command handed over"],
      ["16:00", "First recovery in eu1"],
      ["17:10", "Regression"],
      ["19:00", "First recovery in ap1"],
      ["20:00", "Status: monitoring"],
      ["20:00", "First recovery (all regions)"],
      ["22:03", "Command handed over"],
      ["23:00", "De-escalated to SEV2"],
      ["03:10", "Mitigated"],
      ["06:20", "Command handed over"],
      ["08:00", "Backfill complete in us1"],
      ["08:10", "Backfill complete in eu1"],
      ["11:00", "Backfill complete"],
      ["11:30", "Resolved"],
      ["12:00", "Closed"],
    ]);
    const impact = doc.appendix.timeline[0];
    expect(impact?.kind).toBe("milestone_recorded");
    expect(impact?.recordedAt).toBe("2023-03-08T06:40:00.000Z");
    const lateNote = doc.appendix.timeline.find((row) => row.text.startsWith("Note: us3 never lost intake"));
    expect(lateNote?.at).toBe("2023-03-08T09:00:00.000Z");
    expect(lateNote?.recordedAt).toBe("2023-03-08T10:30:00.000Z");
    expect(doc.showDates).toBe(true);
  });

  it("measures only what has both ends recorded and names what is missing", () => {
    const measured = Object.fromEntries(doc.appendix.metrics.metrics.map((m) => [m.name, m.ms]));
    expect(measured).toEqual({
      "Time to detect": null,
      "Time to declare": 21 * 60_000,
      "Time to first update": 29 * 60_000,
      "Time to mitigate": (21 * 60 + 10) * 60_000,
      "Time to resolve": (29 * 60 + 30) * 60_000,
    });
    expect(doc.appendix.metrics.missing).toEqual([{ milestone: "detected", metrics: ["time to detect"] }]);
  });

  it("counts responders, shifts, handoffs with their latency and escalations, and the update cadence", () => {
    expect(doc.response.responders).toMatchObject({
      count: 12,
      acted: 12,
      heldRoles: 10,
      invited: 6,
      groupsInvited: 1,
    });
    expect(doc.response.shifts.map((s) => s.commander.name)).toEqual([
      "Alex Moreau",
      "Hana Sato",
      "Jo Smith",
      "Kim Ji-woo",
    ]);
    expect(
      doc.response.handoffs.map((h) => [
        h.id,
        h.roleTitle,
        h.from?.name,
        h.to.name,
        h.latencyMs,
        h.escalations,
      ]),
    ).toEqual([
      [1, "incident commander", "Alex Moreau", "Hana Sato", 7 * 60_000, 0],
      [2, "lead of us1", "Blair O'Neil", "Ivan Petrov", 22 * 60_000, 1],
      // Known only from the timeline: no Handoff row.
      [3, "incident commander", "Hana Sato", "Jo Smith", 3 * 60_000, 0],
      [4, "incident commander", "Jo Smith", "Kim Ji-woo", 20 * 60_000, 1],
    ]);
    expect(doc.response.handoffs[3]?.escalatedTo.map((p) => p.id)).toEqual([PEOPLE.escalation]);
    expect(doc.response.statusUpdates).toMatchObject({
      count: 3,
      longestGap: { from: "2023-03-08T10:00:00.000Z", to: "2023-03-08T18:00:00.000Z", ms: 8 * 3_600_000 },
    });
    expect(doc.response.severityLedger.map((r) => [r.from, r.to])).toEqual([
      [null, 2],
      [2, 1],
      [1, 2],
    ]);
  });

  it("builds one chapter per shift from the handoff briefs, with workstream handoffs inside", () => {
    const [first, second, third, fourth] = doc.appendix.shifts;
    expect(first?.brief?.currentState).toBe("SEV1, identified. us1 recovering, eu1/ap1 still down.");
    expect(first?.handedTo?.name).toBe("Hana Sato");
    // Shift 2's brief comes from the timeline alone (handoff 3 has no row).
    expect(second?.brief?.risks).toBe("us5 apm still degraded");
    expect(second?.workstreamHandoffs.map((h) => [h.workstream, h.to.name])).toEqual([
      ["us1", "Ivan Petrov"],
    ]);
    expect(third?.brief?.openActions).toBe("Kim: declare backfill complete when lag < 5 min");
    expect(fourth?.brief).toBeNull();
    expect(fourth?.handedTo).toBeNull();
    expect(doc.appendix.shifts.reduce((n, c) => n + c.entries, 0)).toBe(richIncident().entries.length);
  });

  it("reports recovery per region and service, live data before backfill", () => {
    const us1 = doc.recovery.regions.find((r) => r.region === "us1");
    expect(us1).toMatchObject({
      firstRecoveryAt: "2023-03-08T09:15:00.000Z",
      liveRecoveredAt: "2023-03-08T16:30:00.000Z",
      backfillCompleteAt: "2023-03-09T08:00:00.000Z",
      workstreamResolvedAt: "2023-03-09T09:00:00.000Z",
    });
    expect(doc.recovery.regions.find((r) => r.region === "us5")?.liveNotRecovered).toEqual(["apm"]);
    expect(
      doc.recovery.services.filter((s) => s.service === "logs" && s.region === "us1").map((s) => s.phase),
    ).toEqual(["live", "backfill"]);
    expect(doc.impact.backfillComplete).toEqual({
      at: "2023-03-09T11:00:00.000Z",
      source: "backfill-complete",
    });
  });

  it("takes the root cause and lessons from the close and from tagged notes", () => {
    expect(doc.rootCause.statement).toContain("automatic OS security update");
    expect(doc.rootCause.entries.map((e) => e.author?.name)).toEqual(["Fay_Wong"]);
    expect(doc.rootCause.prompts).toEqual([]);
    expect(doc.lessons.statement).toBeNull();
    expect(doc.lessons.entries.map((e) => e.text)).toEqual([
      "Staged rollouts of OS updates would have limited this to one region",
    ]);
  });

  it("draws the Mermaid chart from statuses, commanders, leads and recovery", () => {
    const { mermaid } = doc.appendix.gantt;
    expect(mermaid).toContain("section Command\n    Alex Moreau :2023-03-08 06:31, 2023-03-08 14:07");
    expect(mermaid).toContain("section us1");
    expect(mermaid).toContain("historical backfill :active, 2023-03-08 16:30, 2023-03-09 08:00");
    expect(doc.appendix.gantt.omitted).toBe(0);
  });
});

describe("rules of the draft", () => {
  it("is deterministic: the same data in any order gives the same text", () => {
    const input = richIncident();
    const shuffled = { ...input, entries: [...input.entries].reverse() };
    expect(renderMarkdown(buildPostmortem(shuffled))).toBe(renderMarkdown(buildPostmortem(input)));
    expect(renderJson(buildPostmortem(richIncident()))).toBe(renderJson(buildPostmortem(input)));
  });

  it("has no notion of now except the generation time it is given", () => {
    const a = renderMarkdown(
      buildPostmortem({ ...richIncident(), generatedAt: new Date("2024-01-01T00:00:00Z") }),
    );
    const b = renderMarkdown(buildPostmortem(richIncident()));
    const differing = a.split("\n").filter((line, i) => line !== b.split("\n")[i]);
    expect(differing).toEqual([
      expect.stringContaining("**Generated:** 2024-01-01 00:00 UTC"),
      // The full timeline file beside the draft is named after the generation time too.
      expect.stringContaining("`INC-42-timeline-2024-01-01T000000Z.csv`"),
    ]);
  });

  it("shows people by name, never by raw user or group ID, never as mentions", () => {
    const markdown = renderMarkdown(doc);
    expect(markdown).toContain("Alex Moreau");
    expect(markdown).not.toContain(PEOPLE.escalation);
    expect(markdown).toContain("1 (someone without a known name)");
    expect(markdown).not.toMatch(/\b[USW]0[A-Z0-9]{6,}\b/);
    expect(markdown).not.toMatch(/<@/);
  });

  it("tolerates missing and malformed data from other features", () => {
    const input: PostmortemInput = richIncident();
    const broken: PostmortemEntry[] = [
      {
        ...input.entries[0]!,
        id: 9001,
        kind: "handoff_accepted",
        data: { handoffId: "x", latencyMs: "slow" },
      },
      {
        ...input.entries[0]!,
        id: 9002,
        kind: "handoff_briefed",
        data: { handoffId: 77, brief: "not an object" },
      },
      { ...input.entries[0]!, id: 9003, kind: "update_posted", data: null, text: "from text" },
      { ...input.entries[0]!, id: 9004, kind: "some_future_kind", data: [1, 2], text: "" },
      { ...input.entries[0]!, id: 9005, kind: "service_status_changed", data: { service: 5 } },
    ];
    input.entries = [...input.entries, ...broken];
    input.handoffs = [{ ...input.handoffs[0]!, brief: { currentState: 42 } }];
    const built = buildPostmortem(input);
    const markdown = renderMarkdown(built);
    expect(markdown).toContain("Status update: from text");
    expect(markdown).toContain("some future kind");
    expect(built.response.handoffs.find((h) => h.id === 1)).toBeDefined();
  });

  it("renders an incident without any of the timeline or handoff features' events", () => {
    const input = richIncident();
    const core = new Set([
      "incident_declared",
      "severity_changed",
      "status_changed",
      "role_assigned",
      "workstream_added",
      "workstream_status_changed",
      "service_status_changed",
      "milestone_recorded",
    ]);
    input.entries = input.entries.filter((e) => core.has(e.kind));
    input.handoffs = [];
    const built = buildPostmortem(input);
    expect(built.response.handoffs).toEqual([]);
    expect(built.response.statusUpdates.count).toBe(0);
    expect(built.appendix.shifts).toHaveLength(4);
    expect(renderMarkdown(built)).toContain("No structured handoffs were recorded.");
  });

  it("shows dates only when the incident spans days, in UTC or in the display zone", () => {
    expect(buildPostmortem(minimalIncident()).showDates).toBe(false);
    // 23:50 UTC is 08:50 the next day in Seoul: the same UTC day, two local days.
    expect(buildPostmortem({ ...minimalIncident(), displayTimeZone: "Asia/Seoul" }).showDates).toBe(false);
    const spanning = minimalIncident();
    spanning.entries[0] = { ...spanning.entries[0]!, occurredAt: new Date("2023-03-08T14:50:00Z") };
    spanning.incident.createdAt = new Date("2023-03-08T14:50:00Z");
    spanning.milestones[0] = { ...spanning.milestones[0]!, occurredAt: new Date("2023-03-08T14:50:00Z") };
    spanning.milestones.push({
      ...spanning.milestones[0]!,
      name: "mitigated",
      occurredAt: new Date("2023-03-08T15:30:00Z"),
    });
    expect(buildPostmortem({ ...spanning, displayTimeZone: null }).showDates).toBe(false);
    expect(buildPostmortem({ ...spanning, displayTimeZone: "Asia/Seoul" }).showDates).toBe(true);
  });
});
