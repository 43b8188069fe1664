// One chapter per incident-commander shift, built from the handoff briefs: what the outgoing
// commander wrote when handing over, and the workstream handoffs that happened meanwhile.
import { KINDS } from "../contract.ts";
import type { ShiftChapter } from "../document.ts";
import { type Facts, iso, isoOrNull } from "../facts.ts";
import type { PostmortemEntry, PostmortemRoleTerm } from "../input.ts";
import { briefView, type MergedHandoff } from "./handoffs.ts";
import { commanderTerms } from "./response.ts";

/** Index of the first entry at or after `at` (entries are in occurredAt order). */
function lowerBound(entries: PostmortemEntry[], at: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((entries[mid] as PostmortemEntry).occurredAt.getTime() < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const countBetween = (entries: PostmortemEntry[], from: number, to: number) =>
  lowerBound(entries, to) - lowerBound(entries, from);

/** The commander handoff that ended `term` and started `next`. */
function handoffBetween(
  term: PostmortemRoleTerm,
  next: PostmortemRoleTerm | undefined,
  commanderHandoffs: MergedHandoff[],
): MergedHandoff | undefined {
  if (!next) return undefined;
  if (next.handoffId !== null) {
    const linked = commanderHandoffs.find((h) => h.row.id === next.handoffId);
    if (linked) return linked;
  }
  // Without a link: the last handoff from this commander to the next one during the term.
  const candidates = commanderHandoffs.filter(
    (h) =>
      h.row.to.id === next.userId &&
      (h.row.from === null || h.row.from.id === term.userId) &&
      h.at.getTime() >= term.startedAt.getTime() &&
      h.at.getTime() <= next.startedAt.getTime(),
  );
  return candidates.at(-1);
}

export function shiftChapters(facts: Facts, handoffs: MergedHandoff[]): ShiftChapter[] {
  const terms = commanderTerms(facts);
  const commanderHandoffs = handoffs.filter((h) => h.row.role === "commander" && h.workstreamId === null);
  const otherHandoffs = handoffs.filter((h) => !(h.row.role === "commander" && h.workstreamId === null));
  const updates = facts.byKind(KINDS.update);
  const severityChanges = facts.byKind(KINDS.severity);
  return terms.map((term, i) => {
    const next = terms[i + 1];
    // The first shift also tells what happened before the declaration (backdated moments).
    const from = i === 0 ? Number.NEGATIVE_INFINITY : term.startedAt.getTime();
    const to = (term.endedAt ?? next?.startedAt)?.getTime() ?? Number.POSITIVE_INFINITY;
    const ending = handoffBetween(term, next, commanderHandoffs);
    const commander = facts.person(term.userId);
    return {
      number: i + 1,
      commander,
      from: iso(term.startedAt),
      to: isoOrNull(term.endedAt),
      durationMs: Math.max(0, (term.endedAt ?? facts.activeEnd).getTime() - term.startedAt.getTime()),
      entries: countBetween(facts.entries, from, to),
      statusUpdates: countBetween(updates, from, to),
      severityChanges: countBetween(severityChanges, from, to),
      handedTo: next ? facts.person(next.userId) : null,
      brief: ending ? briefView(ending, ending.row.from ?? commander) : null,
      workstreamHandoffs: otherHandoffs
        .filter((h) => h.at.getTime() >= from && h.at.getTime() < to)
        .map((h) => ({
          workstream: h.row.workstream,
          role: h.row.roleTitle,
          from: h.row.from,
          to: h.row.to,
          at: iso(h.at),
          brief: briefView(h, h.row.from),
        })),
    };
  });
}
