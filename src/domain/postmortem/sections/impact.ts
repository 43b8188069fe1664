// Incident and impact: where (regions and workstreams), what (services), when impact began
// and ended, and what customers saw.
import type { ImpactSection, Moment, Person, RegionImpact } from "../document.ts";
import { compareText, type Facts, iso } from "../facts.ts";

/** Regions named anywhere: at declaration, as workstreams, on the recovery board. */
export function regionNames(facts: Facts): string[] {
  const { incident, workstreams, services } = facts.input;
  const names = new Set<string>([...incident.regions, ...workstreams.map((w) => w.name)]);
  for (const row of services) names.add(row.region);
  return [...names].sort((a, b) => (a === "" ? 1 : b === "" ? -1 : compareText(a, b)));
}

export function leadsOf(facts: Facts, workstreamId: number): Person[] {
  const seen = new Set<string>();
  const leads: Person[] = [];
  for (const term of facts.input.roles) {
    if (term.workstreamId !== workstreamId || term.role !== "lead" || seen.has(term.userId)) continue;
    seen.add(term.userId);
    leads.push(facts.person(term.userId));
  }
  return leads;
}

function milestoneMoment(facts: Facts, ...names: string[]): Moment | null {
  for (const name of names) {
    const milestone = facts.milestone(name);
    if (milestone) return { at: iso(milestone.occurredAt), source: name };
  }
  return null;
}

export function impactSection(facts: Facts): ImpactSection {
  const { incident, workstreams, services } = facts.input;
  const workstreamByName = new Map(workstreams.map((w) => [w.name, w]));
  const regions: RegionImpact[] = regionNames(facts).map((name) => {
    const workstream = workstreamByName.get(name);
    return {
      name,
      isWorkstream: Boolean(workstream),
      workstreamStatus: workstream?.status ?? null,
      leads: workstream ? leadsOf(facts, workstream.id) : [],
      services: [...new Set(services.filter((s) => s.region === name).map((s) => s.service))].sort(
        compareText,
      ),
    };
  });
  // Services named at declaration or on the board, with the regions the board has them in.
  const serviceRegions = new Map<string, Set<string>>();
  for (const name of incident.services) serviceRegions.set(name, serviceRegions.get(name) ?? new Set());
  for (const row of services) {
    const set = serviceRegions.get(row.service) ?? new Set<string>();
    set.add(row.region);
    serviceRegions.set(row.service, set);
  }
  const serviceList = [...serviceRegions.entries()]
    .map(([name, set]) => ({
      name,
      regions: [...set].sort((a, b) => (a === "" ? 1 : b === "" ? -1 : compareText(a, b))),
    }))
    .sort((a, b) => compareText(a.name, b.name));

  return {
    regions,
    services: serviceList,
    began: milestoneMoment(facts, "impact-started"),
    ended: milestoneMoment(facts, "impact-ended", "mitigated", "resolved"),
    backfillComplete: milestoneMoment(facts, "backfill-complete") ?? boardBackfillComplete(facts),
    customerImpact: incident.customerImpact?.trim() || null,
  };
}

/** When no milestone says so: the last backfill row recovered, if every one has. */
function boardBackfillComplete(facts: Facts): Moment | null {
  const backfill = facts.input.services.filter((s) => s.phase === "backfill");
  if (!backfill.length || backfill.some((s) => !s.recoveredAt)) return null;
  const last = Math.max(...backfill.map((s) => (s.recoveredAt as Date).getTime()));
  return { at: new Date(last).toISOString(), source: "recovery board" };
}
