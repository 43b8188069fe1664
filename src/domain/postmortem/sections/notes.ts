// Root cause and lessons: the statement given at close and the timeline entries tagged for
// them (`/incident note --cause …`, `--lesson …`); questions for the authors when empty.
import { asData, KINDS, str, strOrNull } from "../contract.ts";
import { entryPhrase, richToPlain, toRich } from "../describe-entry.ts";
import type { NotesSection, TaggedNote } from "../document.ts";
import { type Facts, iso } from "../facts.ts";
import type { PostmortemEntry } from "../input.ts";

export const ROOT_CAUSE_PROMPTS = [
  "What changed? (a deploy, a configuration or certificate, traffic, a dependency, an automated process)",
  "Why was it not caught before it reached customers? (tests, canaries, alerts, reviews)",
  "Why was the blast radius what it was? (why these regions and services, and not others)",
];

export const LESSONS_PROMPTS = [
  "What went well, and should be kept?",
  "What went wrong or was slower than it should have been?",
  "Where did we get lucky?",
];

function tagOf(entry: PostmortemEntry): string | null {
  return entry.tag ?? (entry.kind === KINDS.note ? strOrNull(asData(entry.data), "tag") : null);
}

function noteText(entry: PostmortemEntry, facts: Facts): string {
  const d = asData(entry.data);
  if (entry.kind === KINDS.note || entry.kind === KINDS.pinned || entry.kind === KINDS.update)
    return str(d, "text") || entry.text;
  return entry.text || richToPlain(toRich(entryPhrase(entry), facts));
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
  notes(facts, "cause", facts.input.incident.rootCause, ROOT_CAUSE_PROMPTS);

export const lessonsSection = (facts: Facts) =>
  notes(facts, "lesson", facts.input.incident.lessons, LESSONS_PROMPTS);
