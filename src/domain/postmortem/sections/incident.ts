// The title block: what the incident was, how bad at worst, when, for how long, who led it.
import type { IncidentFacts, Moment, Person } from "../document.ts";
import { type Facts, iso, isoOrNull } from "../facts.ts";

export function incidentFacts(facts: Facts): IncidentFacts {
  const { incident } = facts.input;
  const declaredAt = facts.milestone("declared")?.occurredAt ?? incident.createdAt;
  const impactStarted = facts.milestone("impact-started")?.occurredAt;
  const start: Moment = impactStarted
    ? { at: iso(impactStarted), source: "impact-started" }
    : { at: iso(declaredAt), source: "declared" };
  const resolved = facts.milestone("resolved")?.occurredAt ?? incident.resolvedAt;
  const closed = facts.milestone("closed")?.occurredAt ?? incident.closedAt;
  const end: Moment | null = resolved
    ? { at: iso(resolved), source: "resolved" }
    : closed
      ? { at: iso(closed), source: "closed" }
      : null;
  return {
    number: incident.number,
    title: incident.title,
    status: incident.status,
    severity: incident.severity,
    peakSeverity: incident.peakSeverity,
    isPrivate: incident.isPrivate,
    channelName: incident.channelName,
    declaredSummary: incident.summary.trim(),
    declaredAt: iso(declaredAt),
    start,
    end,
    durationMs: end ? Math.max(0, Date.parse(end.at) - Date.parse(start.at)) : null,
    closedAt: isoOrNull(closed),
    commanders: commandersInOrder(facts),
  };
}

function commandersInOrder(facts: Facts): Person[] {
  const terms = facts.input.roles
    .filter((r) => r.role === "commander" && r.workstreamId === null)
    .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  const seen = new Set<string>();
  const people: Person[] = [];
  for (const term of terms) {
    if (seen.has(term.userId)) continue;
    seen.add(term.userId);
    people.push(facts.person(term.userId));
  }
  return people;
}
