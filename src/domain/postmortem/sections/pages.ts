// Pages sent outside Slack during the incident (issue 14), from the timeline: who was paged
// when and why, who acknowledged and how long it took, when it was resolved, which pagers
// refused it. For the response section.
import { asData, isUserId, num, str } from "../contract.ts";
import type { PageRow } from "../document.ts";
import { type Facts, iso } from "../facts.ts";

export function pageRows(facts: Facts): PageRow[] {
  const rows = new Map<number, PageRow>();
  for (const entry of facts.entries) {
    if (!entry.kind.startsWith("page_")) continue;
    const d = asData(entry.data);
    const pageId = num(d, "pageId");
    if (pageId === null) continue;
    if (entry.kind === "page_sent") {
      const targetId = str(d, "targetId");
      rows.set(pageId, {
        at: iso(entry.occurredAt),
        person: str(d, "targetKind") === "person" && isUserId(targetId) ? facts.person(targetId) : null,
        team: str(d, "targetKind") === "team" ? targetId : null,
        reason: str(d, "reason"),
        source: str(d, "source"),
        acknowledgedAt: null,
        acknowledgedBy: null,
        timeToAcknowledgeMs: null,
        resolvedAt: null,
        refusedBy: [],
      });
      continue;
    }
    const row = rows.get(pageId);
    if (!row) continue;
    if (entry.kind === "page_acknowledged") {
      row.acknowledgedAt = iso(entry.occurredAt);
      row.acknowledgedBy = facts.personOrNull(d.byUserId);
      row.timeToAcknowledgeMs = num(d, "afterMs");
    } else if (entry.kind === "page_resolved") row.resolvedAt = iso(entry.occurredAt);
    else if (entry.kind === "page_failed") row.refusedBy.push(str(d, "pager"));
  }
  return [...rows.values()];
}
