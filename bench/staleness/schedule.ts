// What the staleness benchmark replays, as plain data: a two-day outage at the scale we design
// for. One incident declared at SEV1 with five regional workstreams, each with its own channel;
// every region's SRE group invited into the incident channel and into its region's channel;
// then every simulated hour a burst of work (a status update in the incident channel, updates
// in three regional channels, one region's workstream status, three recovery-board changes,
// one handoff of the incident's command or of a region's lead; every eighth hour a severity
// change) and, five minutes later, the incoming holder accepting the handoff.
// Markers in the texts (U7, W7-eu1, B7-2) let the measurement find each change in Slack.
import { REGIONS, type Region } from "./world.ts";

export type Where = "incident" | Region;

export type PlannedAction =
  | { kind: "declare" }
  | { kind: "workstream"; region: Region }
  | { kind: "invite"; where: Where; regions: Region[] }
  | { kind: "update"; where: Where; marker: string; public: boolean }
  | { kind: "service"; region: Region; service: string; state: string; marker: string }
  | { kind: "workstreamStatus"; region: Region; status: string }
  | { kind: "severity"; severity: number }
  | { kind: "handoff"; where: Where; handoff: number }
  | { kind: "accept"; where: Where; handoff: number };

export interface PlannedStep {
  /** Simulated time from the start, in ms. Steps with the same time form one burst. */
  atMs: number;
  action: PlannedAction;
}

export interface ScheduleSize {
  regions: number;
  /** Hourly bursts: one handoff each, so also the number of handoffs. */
  hours: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SERVICES = ["intake", "query", "alerting"] as const;
/** Each service goes through these in turn, per region (it never leaves the board). */
const STATES = ["outage", "degraded", "recovering", "recovered"] as const;
/** A workstream's status in turn: each differs from the one before (it starts investigating). */
const WORKSTREAM_STATUSES = ["identified", "monitoring", "investigating"] as const;

export function plannedSchedule(size: ScheduleSize): PlannedStep[] {
  const regions = REGIONS.slice(0, size.regions);
  const steps: PlannedStep[] = [{ atMs: 0, action: { kind: "declare" } }];
  const at = (atMs: number, action: PlannedAction) => steps.push({ atMs, action });
  for (const region of regions) at(2 * MINUTE, { kind: "workstream", region });
  at(4 * MINUTE, { kind: "invite", where: "incident", regions: [...regions] });
  for (const region of regions) at(4 * MINUTE, { kind: "invite", where: region, regions: [region] });
  at(6 * MINUTE, { kind: "update", where: "incident", marker: "U0", public: true });
  for (const region of regions)
    at(6 * MINUTE, { kind: "update", where: region, marker: `W0-${region}`, public: false });
  const serviceTurn = new Map<string, number>();
  let handoff = 0;
  for (let hour = 1; hour <= size.hours; hour++) {
    const burst = hour * HOUR;
    at(burst, { kind: "update", where: "incident", marker: `U${hour}`, public: hour % 4 === 0 });
    for (let k = 0; k < Math.min(3, regions.length); k++) {
      const region = regions[(hour + k) % regions.length] as Region;
      at(burst, { kind: "update", where: region, marker: `W${hour}-${region}`, public: false });
    }
    for (let k = 0; k < 3; k++) {
      const region = regions[(hour + k) % regions.length] as Region;
      const service = SERVICES[(hour + k) % SERVICES.length] as string;
      const key = `${service}:${region}`;
      const turn = serviceTurn.get(key) ?? 0;
      serviceTurn.set(key, turn + 1);
      const state = STATES[turn % STATES.length] as string;
      at(burst, { kind: "service", region, service, state, marker: `B${hour}-${k}` });
    }
    const statusRegion = regions[hour % regions.length] as Region;
    const statusTurn = serviceTurn.get(`status:${statusRegion}`) ?? 0;
    serviceTurn.set(`status:${statusRegion}`, statusTurn + 1);
    at(burst, {
      kind: "workstreamStatus",
      region: statusRegion,
      status: WORKSTREAM_STATUSES[statusTurn % WORKSTREAM_STATUSES.length] as string,
    });
    if (hour % 8 === 0) at(burst, { kind: "severity", severity: (hour / 8) % 2 === 1 ? 2 : 1 });
    // Every sixth handoff is the incident's command; the others a region's lead, in turn.
    const where: Where = hour % 6 === 0 ? "incident" : (regions[hour % regions.length] as Region);
    handoff++;
    at(burst, { kind: "handoff", where, handoff });
    at(burst + 5 * MINUTE, { kind: "accept", where, handoff });
  }
  return steps;
}

/** The steps grouped into bursts (same simulated time), in time order. */
export function bursts(steps: PlannedStep[]): { atMs: number; steps: PlannedStep[] }[] {
  const byTime = new Map<number, PlannedStep[]>();
  for (const step of [...steps].sort((a, b) => a.atMs - b.atMs)) {
    const list = byTime.get(step.atMs) ?? [];
    list.push(step);
    byTime.set(step.atMs, list);
  }
  return [...byTime].map(([atMs, list]) => ({ atMs, steps: list }));
}
