// The full timeline as a file that goes with the draft: every entry, in the order things
// happened, described as in the draft (people and groups by name), as CSV for spreadsheets or
// JSON for tools. The draft itself shows a bounded selection and names this file.
import { asData, strOrNull } from "./contract.ts";
import { describeAt } from "./describe-entry.ts";
import { collectFacts, type Facts, iso } from "./facts.ts";
import type { PostmortemEntry, PostmortemInput } from "./input.ts";
import type { Locale } from "./locale/index.ts";
import { safeLink } from "./sections/timeline.ts";

export type FullTimelineFormat = "csv" | "json";

export const FULL_TIMELINE_FORMAT = "incident-bot.postmortem-timeline/1";

/** `INC-42-timeline-2023-03-09T120000Z.csv`: beside `INC-42-postmortem-…md`, same time stamp. */
export function fullTimelineFilename(
  number: number,
  generatedAt: Date | string,
  format: FullTimelineFormat,
): string {
  const stamp = new Date(generatedAt).toISOString().slice(0, 19).replace(/:/g, "");
  return `INC-${number}-timeline-${stamp}Z.${format}`;
}

interface Row {
  id: number;
  occurredAt: string;
  recordedAt: string;
  kind: string;
  who: string;
  workstream: string;
  tag: string;
  description: string;
  permalink: string;
}

/** The row of `facts.entries[index]`. */
function row(facts: Facts, index: number): Row {
  const entry = facts.entries[index] as PostmortemEntry;
  const occurredAt = iso(entry.occurredAt);
  return {
    id: entry.id,
    occurredAt,
    // Most entries are recorded as they happen: the same instant is written once.
    recordedAt:
      entry.recordedAt.getTime() === entry.occurredAt.getTime() ? occurredAt : iso(entry.recordedAt),
    kind: entry.kind,
    who: facts.personOrNull(entry.actorId)?.name ?? facts.t.timeline.bot,
    workstream: facts.workstreamName(entry.workstreamId) ?? "",
    tag: entry.tag ?? "",
    description: describeAt(facts, index).text,
    permalink: safeLink(entry.permalink ?? strOrNull(asData(entry.data), "permalink")) ?? "",
  };
}

/**
 * = + - @ tab CR as character codes: what a spreadsheet reads as the start of a formula.
 * Looked up by the first code instead of a regular expression run on each of the file's
 * 160,000 cells (20,000 entries), which was a tenth of the file's time.
 */
const FORMULA_STARTS = new Set([61, 43, 45, 64, 9, 13]);

/**
 * A CSV cell: quoted, quotes doubled, and text a spreadsheet would run as a formula
 * (starting with = + - @, a tab or CR) prefixed with an apostrophe, so a typed note stays text.
 */
function cell(value: string): string {
  const safe = FORMULA_STARTS.has(value.charCodeAt(0)) ? `'${value}` : value;
  // Most cells hold no quote: skip the replace (and its copy) for them.
  return `"${safe.includes('"') ? safe.replace(/"/g, '""') : safe}"`;
}

const COLUMNS: (keyof Row)[] = [
  "occurredAt",
  "recordedAt",
  "kind",
  "who",
  "workstream",
  "tag",
  "description",
  "permalink",
];
/** occurredAt → occurred_at. */
const HEADERS = COLUMNS.map((column) => column.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`));

/** The full timeline as a document: CSV (RFC 4180, CRLF) or JSON. */
export function renderFullTimeline(
  input: PostmortemInput,
  format: FullTimelineFormat,
  locale: Locale = "en",
): string {
  return renderFullTimelineFrom(collectFacts(input, locale), format);
}

/**
 * The same from facts already collected for the draft (and in its language): each entry's
 * description is the one the draft's timeline computed (describeAt).
 */
export function renderFullTimelineFrom(facts: Facts, format: FullTimelineFormat): string {
  const { input } = facts;
  if (format === "json") {
    return `${JSON.stringify(
      {
        format: FULL_TIMELINE_FORMAT,
        incident: { number: input.incident.number, title: input.incident.title },
        generatedAt: input.generatedAt.toISOString(),
        entries: facts.entries.map((_, index) => row(facts, index)),
      },
      null,
      2,
    )}\n`;
  }
  // Each line joined from its cells: V8 joins an array into one flat string, where a template
  // of eight cells leaves a tree of pieces the final join walks again (about 2.5× slower measured).
  const lines = [HEADERS.join(",")];
  for (let index = 0; index < facts.entries.length; index++) {
    const r = row(facts, index);
    // The cells in COLUMNS order, named: mapping COLUMNS made an array, a closure call and a
    // lookup by a computed key for each of them.
    lines.push(
      [
        cell(r.occurredAt),
        cell(r.recordedAt),
        cell(r.kind),
        cell(r.who),
        cell(r.workstream),
        cell(r.tag),
        cell(r.description),
        cell(r.permalink),
      ].join(","),
    );
  }
  // The last line ends like the others inside the join: appending after it would return a
  // rope of the whole file and its ending, flattened (copied) again by whoever reads it.
  lines.push("");
  return lines.join("\r\n");
}
