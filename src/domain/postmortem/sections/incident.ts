// The title block: what the incident was, how bad at worst, when, for how long, who led it.
import { incidentSpan } from "../../time/duration.ts";
import type { IncidentFacts, Moment, Person } from "../document.ts";
import { type Facts, iso, isoOrNull } from "../facts.ts";

export function incidentFacts(facts: Facts): IncidentFacts {
  const { incident } = facts.input;
  const declaredAt = facts.milestone("declared")?.occurredAt ?? incident.createdAt;
  const span = incidentSpan({ ...incident, milestones: facts.input.milestones }, facts.input.generatedAt);
  const start: Moment = { at: iso(span.start), source: span.startSource };
  const end: Moment | null =
    span.end && span.endSource ? { at: iso(span.end), source: span.endSource } : null;
  const closed = facts.milestone("closed")?.occurredAt ?? incident.closedAt;
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
    durationMs: end ? span.ms : null,
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
