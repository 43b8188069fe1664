// How the incident and its recovery board read at Atlassian Statuspage. One component per
// service (not per region): a customer sees "Checkout", not our regions. Its status is the worst
// of that service's board rows (every region and phase) across the published, unresolved
// incidents: outage everywhere it is tracked → major_outage, outage somewhere → partial_outage,
// degraded or recovering → degraded_performance, operational or recovered → operational.
import type { ServiceState } from "../command/verbs/service.ts";
import type { Status } from "../incident/status.ts";

export type StatuspageIncidentStatus = "investigating" | "identified" | "monitoring" | "resolved";
export type StatuspageComponentStatus =
  | "operational"
  | "degraded_performance"
  | "partial_outage"
  | "major_outage";

/** A closed incident was resolved first: Statuspage has no "closed". */
export function statuspageIncidentStatus(status: Status): StatuspageIncidentStatus {
  return status === "closed" ? "resolved" : status;
}

export interface BoardRowState {
  service: string;
  region: string;
  state: ServiceState;
}

/** The component status of one service from its board rows (of every open published incident). */
export function componentStatus(rows: readonly BoardRowState[]): StatuspageComponentStatus {
  if (!rows.length) return "operational";
  const outageRegions = new Set(rows.filter((r) => r.state === "outage").map((r) => r.region));
  if (outageRegions.size) {
    const regions = new Set(rows.map((r) => r.region));
    return outageRegions.size === regions.size ? "major_outage" : "partial_outage";
  }
  if (rows.some((r) => r.state === "degraded" || r.state === "recovering")) return "degraded_performance";
  return "operational";
}

/** Component statuses for `services`, from the rows of every open published incident. */
export function componentStatuses(
  services: readonly string[],
  rows: readonly BoardRowState[],
): Map<string, StatuspageComponentStatus> {
  return new Map(
    services.map((service) => [service, componentStatus(rows.filter((r) => r.service === service))]),
  );
}
