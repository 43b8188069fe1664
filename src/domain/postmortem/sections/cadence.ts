// Cadence compliance: for each severity period of the incident, the stretches without a
// status update longer than that severity's cadence. An update is due one cadence after the
// later of the declaration and the last update (as update reminders count it), and at least
// one cadence after the severity changed; a silence is a breach in the period where the
// update was overdue, measured until the update that ended it, or until the period ended
// (the severity changed or the incident was resolved).
import type { UpdateCadence } from "../../incident/update-cadence.ts";
import { asData, KINDS, num } from "../contract.ts";
import type { CadenceBreach, CadencePeriod } from "../document.ts";
import { type Facts, iso } from "../facts.ts";

interface Period {
  severity: number;
  from: number;
  to: number;
}

function severityPeriods(facts: Facts, declared: number, end: number): Period[] {
  const changes = facts.byKind(KINDS.severity);
  const declaredEntry = facts.byKind(KINDS.declared)[0];
  let severity =
    (declaredEntry ? num(asData(declaredEntry.data), "severity") : null) ??
    (changes[0] ? num(asData(changes[0].data), "from") : null) ??
    facts.input.incident.severity;
  const periods: Period[] = [];
  let from = declared;
  for (const change of changes) {
    const to = num(asData(change.data), "to");
    const at = change.occurredAt.getTime();
    if (to === null || at >= end) continue;
    if (at > from) periods.push({ severity, from, to: at });
    severity = to;
    from = Math.max(from, at);
  }
  if (end > from) periods.push({ severity, from, to: end });
  return periods;
}

export function cadencePeriods(facts: Facts, cadence: UpdateCadence): CadencePeriod[] {
  const declared = (facts.milestone("declared")?.occurredAt ?? facts.input.incident.createdAt).getTime();
  const end = facts.activeEnd.getTime();
  const updates = facts.byKind(KINDS.update).map((u) => u.occurredAt.getTime());
  return severityPeriods(facts, declared, end).map((period) => {
    const every = cadence[period.severity as 1] ?? null;
    const inPeriod = updates.filter((at) => at >= period.from && at < period.to);
    const breaches: CadenceBreach[] = [];
    if (every !== null && every > 0) {
      // The silences that overlap the period: from the last update (or the declaration)
      // before it, through each update in it, to the period's end.
      const before = updates.filter((at) => at < period.from).at(-1);
      const starts = [Math.max(before ?? declared, declared), ...inPeriod];
      for (const [i, silentFrom] of starts.entries()) {
        const endedByUpdate = i < inPeriod.length;
        const silentTo = endedByUpdate ? (inPeriod[i] as number) : period.to;
        // Overdue one cadence after the silence began; a new severity gives one full cadence.
        const due = Math.max(silentFrom, period.from) + every;
        if (silentTo <= due) continue;
        breaches.push({
          silentFrom: iso(new Date(silentFrom)),
          silentTo: iso(new Date(silentTo)),
          silenceMs: silentTo - silentFrom,
          dueAt: iso(new Date(due)),
          overdueMs: silentTo - due,
          endedByUpdate,
        });
      }
    }
    return {
      severity: period.severity,
      from: iso(new Date(period.from)),
      to: iso(new Date(period.to)),
      cadenceMs: every,
      updates: inPeriod.length,
      breaches,
    };
  });
}
