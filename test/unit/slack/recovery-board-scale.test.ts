// The recovery board at the scale of a multi-region outage: 20 services in 5 regions, live data
// and backfill, each with a note, fit one Slack message in the compact layout, with every
// service and region shown and a plain statement of what (older notes) is left out.
import { describe, expect, it } from "vitest";
import type { IncidentView } from "../../../src/domain/incident/incident-view.ts";
import type { ServiceStatus } from "../../../src/domain/incident/service-status.ts";
import { LIMITS } from "../../../src/slack/views/limits.ts";
import { recoveryBoard } from "../../../src/slack/views/recovery-board.ts";

const REGIONS = ["us1", "us3", "us5", "eu1", "ap1"];
const STATES = ["outage", "degraded", "recovering", "recovered"] as const;

function board(services: number, regions: string[], withNotes = true): IncidentView {
  const rows: ServiceStatus[] = [];
  let id = 0;
  const start = Date.parse("2023-03-08T06:00:00Z");
  for (let s = 0; s < services; s++)
    for (const region of regions)
      for (const phase of ["live", "backfill"] as const) {
        id++;
        rows.push({
          id,
          incidentId: 1,
          service: `service-${String(s).padStart(2, "0")}-ingest`,
          region,
          phase,
          state: STATES[id % STATES.length] as ServiceStatus["state"],
          note: withNotes
            ? `${phase} ${region}: replaying partition ${id} of the intake queue, about 40% done`
            : "",
          workstreamId: null,
          updatedById: "U0LEAD0001",
          updatedAt: new Date(start + id * 60_000),
          recoveredAt: null,
        });
      }
  return {
    incident: { id: 1, number: 7, title: "Multi-region outage" },
    roles: [],
    workstreams: [],
    services: rows,
    milestones: [],
  } as unknown as IncidentView;
}

function withinLimits(blocks: unknown[]) {
  expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
  expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(LIMITS.messageBlocksJson);
  for (const block of blocks as { type: string; text?: { text: string } }[])
    if (block.type === "section") expect(block.text?.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
}

describe("the recovery board at outage scale", () => {
  it("fits 20 services × 5 regions × 2 phases with notes in one message, every cell shown", () => {
    const { blocks } = recoveryBoard(board(20, REGIONS));
    withinLimits(blocks);
    const shown = JSON.stringify(blocks);
    for (let s = 0; s < 20; s++) expect(shown).toContain(`*service-${String(s).padStart(2, "0")}-ingest*`);
    for (const region of REGIONS) expect(shown).toContain(`\`${region}\``);
    expect(shown).toContain("Latest notes");
    // The newest note (the last row written) is shown; the older ones are counted, not dropped silently.
    expect(shown).toContain("partition 200 of");
    expect(shown).toMatch(/\d+ older notes not shown/);
    expect(shown).toContain("live data, then backfill");
  });

  it("keeps the detailed one-line-per-region layout while it fits", () => {
    const { blocks } = recoveryBoard(board(2, ["us1", "eu1"]));
    const shown = JSON.stringify(blocks);
    expect(shown).toContain("— live:");
    expect(shown).not.toContain("Latest notes");
  });

  it("says how many services it could not show when even the compact layout overflows", () => {
    const { blocks } = recoveryBoard(board(150, [...REGIONS, "eu2", "ap2", "us2", "ca1", "sa1"], false));
    withinLimits(blocks);
    expect(JSON.stringify(blocks)).toMatch(/\d+ more services not shown/);
  });
});
