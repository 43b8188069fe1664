// What every section needs from the input, computed once: entries by kind, milestones by
// name, people by ID (one object per person), workstream names, and the incident's bounds.
import { incidentSpan } from "../time/duration.ts";
import { isoInstant } from "../time/iso-instant.ts";
import { KINDS } from "./contract.ts";
import type { Person } from "./document.ts";
import type { PostmortemEntry, PostmortemInput, PostmortemMilestone } from "./input.ts";
import { groupLabel, readInvite } from "./invites.ts";
import { type Catalogue, catalogue, type Locale } from "./locale/index.ts";

export interface Facts {
  input: PostmortemInput;
  /** The draft's language, and its phrases. */
  locale: Locale;
  t: Catalogue;
  /** Entries in occurredAt order (ties by id). */
  entries: PostmortemEntry[];
  byKind(kind: string): PostmortemEntry[];
  milestone(name: string): PostmortemMilestone | undefined;
  person(id: string): Person;
  personOrNull(id: unknown): Person | null;
  workstreamName(id: number | null | undefined): string | null;
  /** When work on the incident stopped: resolution, else closure, else generation. */
  activeEnd: Date;
}

/** date.toISOString(), as every section writes instants (isoInstant: the same, faster). */
export const iso = (date: Date): string => isoInstant(date);
export const isoOrNull = (date: Date | null | undefined): string | null => (date ? isoInstant(date) : null);

function byTimeThenId(a: PostmortemEntry, b: PostmortemEntry): number {
  return a.occurredAt.getTime() - b.occurredAt.getTime() || a.id - b.id;
}

function inOrder(entries: PostmortemEntry[]): PostmortemEntry[] {
  for (let i = 1; i < entries.length; i++) {
    if (byTimeThenId(entries[i - 1] as PostmortemEntry, entries[i] as PostmortemEntry) > 0)
      return [...entries].sort(byTimeThenId);
  }
  return entries;
}

export function collectFacts(input: PostmortemInput, locale: Locale = "en"): Facts {
  const entries = inOrder(input.entries);
  const kinds = new Map<string, PostmortemEntry[]>();
  for (const entry of entries) {
    const list = kinds.get(entry.kind);
    if (list) list.push(entry);
    else kinds.set(entry.kind, [entry]);
  }
  const milestones = new Map(input.milestones.map((m) => [m.name, m]));
  const t = catalogue(locale);
  const groupLabels = new Map(input.groupNames ?? []);
  for (const kind of [KINDS.invited, KINDS.declared])
    for (const entry of kinds.get(kind) ?? [])
      for (const group of readInvite(entry).groups) {
        const label = groupLabel(group);
        if (label && !groupLabels.has(group.id)) groupLabels.set(group.id, label);
      }
  const people = new Map<string, Person>();
  const person = (id: string): Person => {
    let found = people.get(id);
    if (!found) {
      found = { id, name: displayName(id, input.userNames, groupLabels, t) };
      people.set(id, found);
    }
    return found;
  };
  const workstreams = new Map(input.workstreams.map((w) => [w.id, w.name]));
  const { incident } = input;
  return {
    input,
    locale,
    t,
    entries,
    byKind: (kind) => kinds.get(kind) ?? [],
    milestone: (name) => milestones.get(name),
    person,
    personOrNull: (id) => (typeof id === "string" && id !== "" ? person(id) : null),
    workstreamName: (id) => (id === null || id === undefined ? null : (workstreams.get(id) ?? null)),
    activeEnd:
      incidentSpan({ ...incident, milestones: input.milestones }, input.generatedAt).end ?? input.generatedAt,
  };
}

/**
 * What the draft calls someone: their display name; a user group (an escalation contact) by
 * its handle or name; never a raw ID, which means nothing to a reader.
 */
function displayName(
  id: string,
  userNames: ReadonlyMap<string, string>,
  groupLabels: ReadonlyMap<string, string>,
  t: Catalogue,
): string {
  const known = userNames.get(id);
  if (known) return known;
  if (/^S[A-Z0-9]+$/.test(id)) return t.build.userGroup(groupLabels.get(id) ?? null);
  return t.build.unnamedPerson;
}

/** Sorts people by name, then ID, for stable lists. */
export function byName(a: Person, b: Person): number {
  return compareText(a.name.toLowerCase(), b.name.toLowerCase()) || compareText(a.id, b.id);
}

/** Code-unit order: the same on every machine, unlike locale collation. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
