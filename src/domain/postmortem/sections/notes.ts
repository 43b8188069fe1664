// Root cause and lessons: the statement given at close and the timeline entries tagged for
// them (`/incident note --cause …`, `--lesson …`); questions for the authors when empty.
import { asData, KINDS, str, strOrNull } from "../contract.ts";
import { entryPhrase, richToPlain, toRich } from "../describe-entry.ts";
import type { NotesSection, TaggedNote } from "../document.ts";
import { type Facts, iso } from "../facts.ts";
import type { PostmortemEntry } from "../input.ts";

function tagOf(entry: PostmortemEntry): string | null {
  return entry.tag ?? (entry.kind === KINDS.note ? strOrNull(asData(entry.data), "tag") : null);
}

function noteText(entry: PostmortemEntry, facts: Facts): string {
  const d = asData(entry.data);
  if (entry.kind === KINDS.note || entry.kind === KINDS.pinned || entry.kind === KINDS.update)
    return str(d, "text") || entry.text;
  return entry.text || richToPlain(toRich(entryPhrase(entry, facts.t), facts));
}

function notes(
  facts: Facts,
  tag: "cause" | "lesson",
  statement: string | null,
  prompts: string[],
): NotesSection {
  const entries: TaggedNote[] = facts.entries
    .filter((entry) => tagOf(entry) === tag)
    .map((entry) => ({
      at: iso(entry.occurredAt),
      author: facts.personOrNull(entry.actorId),
      workstream: facts.workstreamName(entry.workstreamId),
      text: noteText(entry, facts),
    }));
  const trimmed = statement?.trim() || null;
  return { statement: trimmed, entries, prompts: trimmed || entries.length ? [] : prompts };
}

export const rootCauseSection = (facts: Facts) =>
  notes(facts, "cause", facts.input.incident.rootCause, facts.t.build.rootCausePrompts);

export const lessonsSection = (facts: Facts) =>
  notes(facts, "lesson", facts.input.incident.lessons, facts.t.build.lessonsPrompts);
