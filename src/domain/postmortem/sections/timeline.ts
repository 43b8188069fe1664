// The full timeline, every entry in the order things happened, with who, where and when it
// was recorded when that was noticeably later (a backdated entry).
import { formatUtc } from "../../time/format.ts";
import { asData, KINDS, num, strOrNull } from "../contract.ts";
import { describeAt, richToPlain } from "../describe-entry.ts";
import type { RichText, TimelineRow } from "../document.ts";
import { type Facts, iso } from "../facts.ts";
import type { PostmortemEntry } from "../input.ts";
import { readInvite } from "../invites.ts";

/** Recorded more than this after it happened: shown as backdated. */
export const BACKDATED_AFTER_MS = 60_000;

/** Only web links are kept: a permalink is shown as a link, so it must not carry a script. */
export function safeLink(url: string | null): string | null {
  if (!url || !/^https:\/\/[^\s<>"]+$/.test(url)) return null;
  return url;
}

/** Handoffs whose acceptance is in the timeline: their role change would say it a second time. */
function acceptedHandoffs(facts: Facts): Set<number> {
  const ids = new Set<number>();
  for (const entry of facts.byKind(KINDS.handoffAccepted)) {
    const id = num(asData(entry.data), "handoffId");
    if (id !== null) ids.add(id);
  }
  return ids;
}

/** The row of `facts.entries[index]`. */
function row(facts: Facts, index: number): TimelineRow {
  const entry = facts.entries[index] as PostmortemEntry;
  const { rich, text } = describeAt(facts, index);
  const backdated = entry.recordedAt.getTime() - entry.occurredAt.getTime() > BACKDATED_AFTER_MS;
  return {
    id: entry.id,
    at: iso(entry.occurredAt),
    recordedAt: backdated ? iso(entry.recordedAt) : null,
    actor: facts.personOrNull(entry.actorId),
    workstream: facts.workstreamName(entry.workstreamId),
    kind: entry.kind,
    tag: entry.tag,
    text,
    rich,
    permalink: safeLink(entry.permalink ?? strOrNull(asData(entry.data), "permalink")),
  };
}

/** One row for a run of people joining by themselves (a crowd pressing Join), by positions. */
function joinsRow(facts: Facts, positions: number[]): TimelineRow {
  if (positions.length === 1) return row(facts, positions[0] as number);
  const run = positions.map((i) => facts.entries[i] as PostmortemEntry);
  const first = run[0] as PostmortemEntry;
  const last = run.at(-1) as PostmortemEntry;
  const people = new Set(run.map((e) => e.actorId)).size;
  const rich: RichText = [
    facts.t.timeline.joinedRun(
      people,
      last.occurredAt > first.occurredAt ? formatUtc(last.occurredAt, true) : null,
    ),
  ];
  return {
    id: first.id,
    at: iso(first.occurredAt),
    recordedAt: null,
    actor: null,
    workstream: facts.workstreamName(first.workstreamId),
    kind: first.kind,
    tag: null,
    text: richToPlain(rich),
    rich,
    permalink: null,
    entries: run.length,
  };
}

/**
 * The timeline as the draft reads it: every entry in the order things happened, except that
 * a run of joins is one row and a role change made by an accepted handoff is not repeated
 * (the acceptance says it). The full timeline file keeps every entry.
 */
export function timelineRows(facts: Facts): TimelineRow[] {
  const handedOver = acceptedHandoffs(facts);
  const rows: TimelineRow[] = [];
  // Positions in facts.entries of the run of joins being gathered.
  let joins: number[] = [];
  const flush = () => {
    if (joins.length) rows.push(joinsRow(facts, joins));
    joins = [];
  };
  for (const [index, entry] of facts.entries.entries()) {
    if (entry.kind === KINDS.invited && readInvite(entry).selfJoin) {
      const runStart = joins[0];
      if (runStart !== undefined && facts.entries[runStart]?.workstreamId !== entry.workstreamId) flush();
      joins.push(index);
      continue;
    }
    if (entry.kind === KINDS.role) {
      const handoff = num(asData(entry.data), "handoffId");
      if (handoff !== null && handedOver.has(handoff)) continue;
    }
    flush();
    rows.push(row(facts, index));
  }
  flush();
  return rows;
}
