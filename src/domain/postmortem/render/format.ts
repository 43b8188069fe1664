// Small formatting helpers shared by the section renderers.
import { formatDuration } from "../../time/duration.ts";
import type { Person, PostmortemDocument } from "../document.ts";
import { type Catalogue, catalogue } from "../locale/index.ts";
import { escapeChars } from "../markdown.ts";
import { local, utc } from "../time.ts";

/** A time as the draft shows it: UTC, with the date when the incident spans days. */
export const when = (doc: PostmortemDocument, at: string | null, none = "—"): string =>
  at ? utc(at, doc.showDates) : none;

/** The same time in the display zone, for the second column. */
export const whenLocal = (doc: PostmortemDocument, at: string | null, none = "—"): string =>
  at && doc.displayTimeZone ? local(at, doc.displayTimeZone, doc.showDates) : none;

/** "06:00 UTC (15:00 KST)" in running text. */
export function whenBoth(doc: PostmortemDocument, at: string): string {
  return doc.displayTimeZone ? `${when(doc, at)} (${whenLocal(doc, at)})` : when(doc, at);
}

/** The catalogue of the draft's language. */
export const phrases = (doc: PostmortemDocument): Catalogue => catalogue(doc.locale);

export const duration = (doc: PostmortemDocument, ms: number | null, none = "—"): string =>
  ms === null ? none : formatDuration(ms, phrases(doc).duration);

export const name = (person: Person | null, none = "—"): string => (person ? escapeChars(person.name) : none);

export const names = (people: Person[], none = "—"): string =>
  people.length ? people.map((p) => escapeChars(p.name)).join(", ") : none;

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Time columns: UTC, and the display zone when configured. */
export function timeHeaders(doc: PostmortemDocument, label = phrases(doc).timeColumn): string[] {
  return doc.displayTimeZone ? [`${label} (UTC)`, `${label} (${doc.displayTimeZone})`] : [`${label} (UTC)`];
}

export function timeCells(doc: PostmortemDocument, at: string): string[] {
  return doc.displayTimeZone ? [when(doc, at), whenLocal(doc, at)] : [when(doc, at)];
}

export const severityWord = (sev: number | null): string => (sev === null ? "—" : `SEV${sev}`);

/** "SEV1 (critical)" in the draft's language. */
export function severityWords(doc: PostmortemDocument, sev: number): string {
  const t = phrases(doc);
  return t.severity(sev, t.severityNames[sev] ?? "");
}
