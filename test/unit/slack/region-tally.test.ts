// What is back, where: the announcement's one line counts regions, a region being back when
// every service tracked there (or for all regions) has recovered in that phase.
import { describe, expect, it } from "vitest";
import type { ServiceStatus } from "../../../src/domain/incident/service-status.ts";
import { regionTally } from "../../../src/slack/views/recovery-board.ts";

let id = 0;
function row(service: string, region: string, phase: "live" | "backfill", state: ServiceStatus["state"]) {
  id++;
  return {
    id,
    incidentId: 1,
    service,
    region,
    phase,
    state,
    note: "",
    workstreamId: null,
    updatedById: "U1",
    updatedAt: new Date(0),
    recoveredAt: null,
  } satisfies ServiceStatus;
}

describe("regionTally", () => {
  it("counts regions back per phase", () => {
    const rows = [
      ...["us1", "us3", "us5", "eu1"].map((r) => row("logs", r, "live", "recovered")),
      row("logs", "ap1", "live", "outage"),
      row("logs", "us1", "backfill", "recovered"),
      row("logs", "eu1", "backfill", "recovering"),
    ];
    expect(regionTally(rows)).toBe("live data: 4/5 regions back · backfill: 1/2 regions complete");
  });

  it("holds every region back while a service tracked for all regions is not recovered", () => {
    const rows = [
      row("logs", "us1", "live", "recovered"),
      row("logs", "eu1", "live", "recovered"),
      row("metrics", "", "live", "degraded"),
    ];
    expect(regionTally(rows)).toBe("live data: 0/2 regions back");
    expect(regionTally([...rows.slice(0, 2), row("metrics", "", "live", "recovered")])).toBe(
      "live data: 2/2 regions back",
    );
  });

  it("falls back to counting rows when the board has no regions", () => {
    expect(regionTally([row("logs", "", "live", "recovered"), row("apm", "", "live", "outage")])).toBe(
      "live data 1/2 recovered",
    );
  });
});
