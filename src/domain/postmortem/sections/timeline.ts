// The full timeline, every entry in the order things happened, with who, where and when it
// was recorded when that was noticeably later (a backdated entry).
import { formatUtc } from "../../time/format.ts";
import { asData, KINDS, num, strOrNull } from "../contract.ts";
import { entryPhrase, richToPlain, toRich } from "../describe-entry.ts";
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

function row(facts: Facts, entry: PostmortemEntry): TimelineRow {
  const rich = toRich(entryPhrase(entry, facts.t), facts);
  const backdated = entry.recordedAt.getTime() - entry.occurredAt.getTime() > BACKDATED_AFTER_MS;
  return {
    id: entry.id,
    at: iso(entry.occurredAt),
    recordedAt: backdated ? iso(entry.recordedAt) : null,
    actor: facts.personOrNull(entry.actorId),
    workstream: facts.workstreamName(entry.workstreamId),
    kind: entry.kind,
    tag: entry.tag,
    text: richToPlain(rich),
    rich,
    permalink: safeLink(entry.permalink ?? strOrNull(asData(entry.data), "permalink")),
  };
}

/** One row for a run of people joining by themselves (a crowd pressing Join). */
function joinsRow(facts: Facts, run: PostmortemEntry[]): TimelineRow {
  const first = run[0] as PostmortemEntry;
  if (run.length === 1) return row(facts, first);
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
  let joins: PostmortemEntry[] = [];
  const flush = () => {
    if (joins.length) rows.push(joinsRow(facts, joins));
    joins = [];
  };
  for (const entry of facts.entries) {
    if (entry.kind === KINDS.invited && readInvite(entry).selfJoin) {
      if (joins.length && joins[0]?.workstreamId !== entry.workstreamId) flush();
      joins.push(entry);
      continue;
    }
    if (entry.kind === KINDS.role) {
      const handoff = num(asData(entry.data), "handoffId");
      if (handoff !== null && handedOver.has(handoff)) continue;
    }
    flush();
    rows.push(row(facts, entry));
  }
  flush();
  return rows;
}
