// Time to detect, declare, first update, mitigate and resolve: each only when both of its
// moments were recorded; the missing moments are named so the authors can add them. Time to
// resolve runs to the first resolution when the incident was reopened (the draft says so).

import { resolutions } from "../../incident/resolutions.ts";
import { KINDS } from "../contract.ts";
import type { MetricRow, MetricsSection } from "../document.ts";
import { type Facts, isoOrNull } from "../facts.ts";

export const FIRST_UPDATE = "first status update";

const METRICS: { name: string; from: string; to: string }[] = [
  { name: "Time to detect", from: "impact-started", to: "detected" },
  { name: "Time to declare", from: "impact-started", to: "declared" },
  { name: "Time to first update", from: "declared", to: FIRST_UPDATE },
  { name: "Time to mitigate", from: "impact-started", to: "mitigated" },
  { name: "Time to resolve", from: "impact-started", to: "resolved" },
];

export function metricsSection(facts: Facts): MetricsSection {
  const firstUpdate = facts.byKind(KINDS.update)[0]?.occurredAt ?? null;
  const resolved = resolutions(facts.input.milestones);
  // Reopened: the first resolution is what customers saw first; later ones are in the chronology.
  const firstResolution = resolved.length > 1 ? resolved[0] : undefined;
  const endName = (name: string) => (name === "resolved" && firstResolution ? firstResolution.name : name);
  const moment = (name: string): string | null =>
    name === FIRST_UPDATE ? isoOrNull(firstUpdate) : isoOrNull(facts.milestone(name)?.occurredAt);
  const metrics: MetricRow[] = METRICS.map((m) => {
    const from = moment(endName(m.from));
    const to = moment(endName(m.to));
    return {
      name: m.name,
      from: { name: endName(m.from), at: from },
      to: { name: endName(m.to), at: to },
      ms: from && to ? Date.parse(to) - Date.parse(from) : null,
    };
  });
  const missing = new Map<string, string[]>();
  for (const metric of metrics) {
    for (const end of [metric.from, metric.to]) {
      if (end.at) continue;
      missing.set(end.name, [...(missing.get(end.name) ?? []), metric.name.toLowerCase()]);
    }
  }
  return {
    metrics,
    missing: [...missing.entries()].map(([milestone, names]) => ({ milestone, metrics: names })),
    resolutions: resolved.length,
  };
}
