// The full timeline, every entry in the order things happened, with who, where and when it
// was recorded when that was noticeably later (a backdated entry).
import { asData, strOrNull } from "../contract.ts";
import { entryPhrase, richToPlain, toRich } from "../describe-entry.ts";
import type { TimelineRow } from "../document.ts";
import { type Facts, iso } from "../facts.ts";

/** Recorded more than this after it happened: shown as backdated. */
export const BACKDATED_AFTER_MS = 60_000;

/** Only web links are kept: a permalink is shown as a link, so it must not carry a script. */
export function safeLink(url: string | null): string | null {
  if (!url || !/^https:\/\/[^\s<>"]+$/.test(url)) return null;
  return url;
}

export function timelineRows(facts: Facts): TimelineRow[] {
  return facts.entries.map((entry) => {
    const rich = toRich(entryPhrase(entry), facts);
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
  });
}
