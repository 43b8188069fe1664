// How incidents and board rows read at Statuspage: the status names it accepts, and one
// component per service at the worst state of its rows.
import { describe, expect, it } from "vitest";
import type { BoardRowState } from "../../../src/domain/status-page/statuspage-mapping.ts";
import {
  componentStatus,
  componentStatuses,
  statuspageIncidentStatus,
} from "../../../src/domain/status-page/statuspage-mapping.ts";

const row = (service: string, region: string, state: BoardRowState["state"]): BoardRowState => ({
  service,
  region,
  state,
});

describe("Statuspage mapping", () => {
  it("maps incident statuses, a closed incident reading resolved", () => {
    expect(statuspageIncidentStatus("investigating")).toBe("investigating");
    expect(statuspageIncidentStatus("identified")).toBe("identified");
    expect(statuspageIncidentStatus("monitoring")).toBe("monitoring");
    expect(statuspageIncidentStatus("resolved")).toBe("resolved");
    expect(statuspageIncidentStatus("closed")).toBe("resolved");
  });

  it("takes the worst state of a service across its regions and phases", () => {
    expect(componentStatus([])).toBe("operational");
    expect(componentStatus([row("api", "eu1", "operational"), row("api", "us1", "recovered")])).toBe(
      "operational",
    );
    expect(componentStatus([row("api", "eu1", "recovering"), row("api", "us1", "operational")])).toBe(
      "degraded_performance",
    );
    expect(componentStatus([row("api", "eu1", "degraded")])).toBe("degraded_performance");
    expect(componentStatus([row("api", "eu1", "outage"), row("api", "us1", "degraded")])).toBe(
      "partial_outage",
    );
    expect(componentStatus([row("api", "eu1", "outage"), row("api", "us1", "outage")])).toBe("major_outage");
  });

  it("gives each asked service its own status, operational when no open incident has rows for it", () => {
    const rows = [row("api", "eu1", "outage"), row("web", "eu1", "recovering")];
    expect([...componentStatuses(["api", "web", "search"], rows)]).toEqual([
      ["api", "major_outage"],
      ["web", "degraded_performance"],
      ["search", "operational"],
    ]);
  });
});
