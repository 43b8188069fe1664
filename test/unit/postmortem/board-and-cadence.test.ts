// Moments the recovery board knows (first recovery per region, live data back everywhere,
// backfill complete per region, regressions with who reported them) and cadence compliance
// per severity period, on small incidents built for each case.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { DEFAULT_UPDATE_CADENCE } from "../../../src/domain/incident/update-cadence.ts";
import { buildPostmortem } from "../../../src/domain/postmortem/build.ts";
import { richToPlain } from "../../../src/domain/postmortem/describe-entry.ts";
import { renderMarkdown } from "../../../src/domain/postmortem/render.ts";
import { at, incident } from "./small-incident.ts";

const board = (
  service: string,
  region: string,
  phase: string,
  from: string | null,
  to: string,
  note = "",
) => ({
  service,
  region,
  phase,
  from,
  to,
  note,
});

describe("chronology moments from the recovery board", () => {
  const input = incident([
    ["00:10", "service_status_changed", board("logs", "us1", "live", null, "outage")],
    ["00:11", "service_status_changed", board("logs", "eu1", "live", null, "outage")],
    ["01:00", "service_status_changed", board("logs", "us1", "live", "outage", "recovered")],
    [
      "01:30",
      "service_status_changed",
      board("logs", "us1", "live", "recovered", "degraded", "the revert re-applied the change"),
      "U0CASEY001",
    ],
    ["02:00", "service_status_changed", board("logs", "eu1", "live", "outage", "recovering")],
    ["02:30", "service_status_changed", board("logs", "us1", "live", "degraded", "recovered")],
    ["03:00", "service_status_changed", board("logs", "eu1", "live", "recovering", "recovered")],
    ["03:10", "service_status_changed", board("logs", "eu1", "backfill", null, "recovering")],
    ["04:00", "service_status_changed", board("logs", "eu1", "backfill", "recovering", "recovered")],
  ]);
  const row = (region: string, phase: string, recoveredAt: string) => ({
    service: "logs",
    region,
    phase,
    state: "recovered",
    note: "",
    workstreamId: null,
    updatedAt: at(recoveredAt),
    recoveredAt: at(recoveredAt),
  });
  input.services = [
    row("us1", "live", "02:30"),
    row("eu1", "live", "03:00"),
    row("eu1", "backfill", "04:00"),
  ];
  const doc = buildPostmortem(input);
  const moments = doc.chronology.map((r) => [r.at.slice(11, 16), r.moment, richToPlain(r.details)]);

  it("adds the first recovery per region, live data back everywhere and backfill per region", () => {
    expect(moments).toContainEqual(["01:00", "First recovery in us1", "logs: recovered"]);
    expect(moments).toContainEqual(["02:00", "First recovery in eu1", "logs: recovering"]);
    // us1 regressed at 01:30 and recovered again at 02:30; eu1 was the last, at 03:00.
    expect(moments).toContainEqual(["03:00", "Live data back everywhere", "the last was logs in eu1"]);
    expect(moments).toContainEqual(["04:00", "Backfill complete in eu1", "the last was logs (backfill)"]);
  });

  it("lists every regression with who reported it, in the chronology and the recovery section", () => {
    const regression = doc.chronology.find((r) => r.moment === "Regression");
    expect(regression?.actor?.name).toBe("Casey Lindqvist");
    expect(richToPlain(regression?.details ?? [])).toBe(
      "logs in us1: recovered, then degraded again — the revert re-applied the change",
    );
    expect(doc.recovery.regressions).toEqual([
      expect.objectContaining({
        at: at("01:30").toISOString(),
        service: "logs",
        region: "us1",
        recoveredAt: at("01:00").toISOString(),
        to: "degraded",
        reportedBy: { id: "U0CASEY001", name: "Casey Lindqvist" },
      }),
    ]);
    expect(doc.recovery.regions.find((r) => r.region === "us1")?.regressions).toBe(1);
    expect(doc.recovery.regions.find((r) => r.region === "eu1")?.regressions).toBe(0);
    const markdown = renderMarkdown(doc);
    expect(markdown).toContain("#### Regressions");
    expect(markdown).toMatch(
      /\| 01:30 UTC \(\+1h 30m\) \| `logs` \| `us1` \| live \| 01:00 UTC \| degraded \| Casey Lindqvist \|/,
    );
  });

  it("shows no live-data moment while a live row is still broken", () => {
    const broken = buildPostmortem(
      incident([
        ["00:10", "service_status_changed", board("logs", "us1", "live", null, "outage")],
        ["00:20", "service_status_changed", board("apm", "us5", "live", null, "degraded")],
        ["01:00", "service_status_changed", board("logs", "us1", "live", "outage", "recovered")],
      ]),
    );
    expect(broken.chronology.map((r) => r.moment)).not.toContain("Live data back everywhere");
  });

  it("adds the first cause note and updates marked as key", () => {
    const doc2 = buildPostmortem(
      incident([
        ["00:05", "update_posted", { text: "Investigating", broadcast: true }],
        ["00:20", "note_added", { text: "cert rotated at 23:55", tag: "cause" }],
        ["00:40", "note_added", { text: "and a second cause note", tag: "cause" }],
        ["01:00", "update_posted", { text: "Routine", broadcast: true }],
        ["02:00", "update_posted", { text: "Rolled back; recovering", broadcast: true, key: true }],
      ]),
    );
    const rows = doc2.chronology.map((r) => [r.at.slice(11, 16), r.moment, richToPlain(r.details)]);
    expect(rows).toContainEqual(["00:20", "First note on the cause", "cert rotated at 23:55"]);
    expect(rows).toContainEqual(["02:00", "Key status update", "Rolled back; recovering"]);
    expect(rows.filter((r) => r[1] === "First note on the cause")).toHaveLength(1);
    expect(rows.map((r) => r[2])).not.toContain("Routine");
  });
});

describe("cadence compliance", () => {
  // SEV2 (60m) from 00:00, SEV1 (30m) from 01:00 to 03:00, SEV2 again until resolution at 06:00.
  const input = incident([
    ["00:10", "update_posted", { text: "one", broadcast: true }],
    ["01:00", "severity_changed", { from: 2, to: 1, reason: "worse" }],
    ["01:05", "update_posted", { text: "two", broadcast: true }],
    ["01:43", "update_posted", { text: "three: 38 minutes after two", broadcast: true }],
    ["02:10", "update_posted", { text: "four", broadcast: true }],
    ["03:00", "severity_changed", { from: 1, to: 2, reason: "better" }],
    ["03:30", "update_posted", { text: "five", broadcast: true }],
    ["04:20", "update_posted", { text: "six", broadcast: true }],
  ]);

  it("lists each breach of the severity's cadence with its start, end and length", () => {
    const periods = buildPostmortem(input).response.statusUpdates.cadence;
    expect(periods.map((p) => [p.severity, p.from.slice(11, 16), p.to.slice(11, 16), p.updates])).toEqual([
      [2, "00:00", "01:00", 1],
      [1, "01:00", "03:00", 3],
      [2, "03:00", "06:00", 2],
    ]);
    const sev1 = periods[1]?.breaches.map((b) => [
      b.silentFrom.slice(11, 16),
      b.silentTo.slice(11, 16),
      b.silenceMs / 60_000,
      b.overdueMs / 60_000,
    ]);
    // 01:05 → 01:43 is 38 minutes at a 30-minute cadence; 02:10 → the end of SEV1 at 03:00 is 50.
    expect(sev1).toEqual([
      ["01:05", "01:43", 38, 8],
      ["02:10", "03:00", 50, 20],
    ]);
    // The gap 00:10 → 01:05 (55m) is within SEV2's hour; 04:20 → resolution at 06:00 is not.
    expect(periods[0]?.breaches).toEqual([]);
    expect(
      periods[2]?.breaches.map((b) => [
        b.silentFrom.slice(11, 16),
        b.silentTo.slice(11, 16),
        b.endedByUpdate,
      ]),
    ).toEqual([["04:20", "06:00", false]]);
  });

  it("uses the cadence it is given (REMINDER_CADENCE) instead of the default", () => {
    const periods = buildPostmortem(input, { updateCadence: { 1: 45 * 60_000, 2: null, 3: null, 4: null } })
      .response.statusUpdates.cadence;
    expect(periods.flatMap((p) => p.breaches.map((b) => b.silentFrom.slice(11, 16)))).toEqual(["02:10"]);
  });

  it("shows the breaches in the response section and the metrics appendix", () => {
    const markdown = renderMarkdown(buildPostmortem(input));
    const response = markdown.slice(
      markdown.indexOf("#### Status updates"),
      markdown.indexOf("#### Severity ledger"),
    );
    expect(response).toContain("**The update cadence was broken 3 times.**");
    expect(response).toContain("38m without an update, 01:05 UTC → 01:43 UTC: due 01:35 UTC, 8m late");
    const appendix = markdown.slice(markdown.indexOf("### Metrics"));
    expect(appendix).toContain("| SEV1 | 30m | 01:05 UTC | 01:43 UTC | 38m | 8m |");
    expect(appendix).toContain("| SEV2 | 1h | 04:20 UTC | 06:00 UTC | 1h 40m | 40m |");
  });
});

describe("the cadence the draft checks by default", () => {
  it("is REMINDER_CADENCE's default, so the draft and the reminders agree", () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-1-2-secretvalue",
      SLACK_SIGNING_SECRET: "signing-secret-value-123",
    });
    expect(config.incidents.reminderCadence).toEqual(DEFAULT_UPDATE_CADENCE);
  });
});
