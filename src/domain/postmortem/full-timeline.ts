// The full timeline as a file that goes with the draft: every entry, in the order things
// happened, described as in the draft (people and groups by name), as CSV for spreadsheets or
// JSON for tools. The draft itself shows a bounded selection and names this file.
import { asData, strOrNull } from "./contract.ts";
import { entryPhrase, richToPlain, toRich } from "./describe-entry.ts";
import { collectFacts } from "./facts.ts";
import type { PostmortemInput } from "./input.ts";
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

function rows(input: PostmortemInput, locale: Locale): Row[] {
  const facts = collectFacts(input, locale);
  return facts.entries.map((entry) => ({
    id: entry.id,
    occurredAt: entry.occurredAt.toISOString(),
    recordedAt: entry.recordedAt.toISOString(),
    kind: entry.kind,
    who: facts.personOrNull(entry.actorId)?.name ?? facts.t.timeline.bot,
    workstream: facts.workstreamName(entry.workstreamId) ?? "",
    tag: entry.tag ?? "",
    description: richToPlain(toRich(entryPhrase(entry, facts.t), facts)),
    permalink: safeLink(entry.permalink ?? strOrNull(asData(entry.data), "permalink")) ?? "",
  }));
}

/**
 * A CSV cell: quoted, quotes doubled, and text a spreadsheet would run as a formula
 * (starting with = + - @ or a tab) prefixed with an apostrophe, so a typed note stays text.
 */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
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
  const list = rows(input, locale);
  if (format === "json") {
    return `${JSON.stringify(
      {
        format: FULL_TIMELINE_FORMAT,
        incident: { number: input.incident.number, title: input.incident.title },
        generatedAt: input.generatedAt.toISOString(),
        entries: list,
      },
      null,
      2,
    )}\n`;
  }
  const lines = [HEADERS.join(",")];
  for (const row of list) lines.push(COLUMNS.map((c) => cell(String(row[c]))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
