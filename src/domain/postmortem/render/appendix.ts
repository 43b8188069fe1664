// Appendix: metrics, one chapter per shift, the Mermaid chart and the full timeline.
import type { BriefView, PostmortemDocument, RichText } from "../document.ts";
import { fullTimelineFilename } from "../full-timeline.ts";
import {
  bullets,
  codeSpan,
  command,
  escapeBlock,
  escapeChars,
  escapeHeading,
  escapeInline,
  prompt,
  richToMarkdown,
  table,
} from "../markdown.ts";
import { FIRST_UPDATE } from "../sections/metrics.ts";
import { selectTimeline, TIMELINE_CELL_MAX, type TimelineSelection } from "../sections/timeline-selection.ts";
import { cadenceTable } from "./cadence.ts";
import { duration, name, plural, timeCells, timeHeaders, when } from "./format.ts";

export function metricsSection(doc: PostmortemDocument): string {
  const { metrics, missing } = doc.appendix.metrics;
  const measured = metrics.filter((m) => m.ms !== null);
  const parts: string[] = [];
  if (measured.length) {
    parts.push(
      table(
        ["Metric", "From", "To", "Value"],
        measured.map((m) => [
          m.name,
          `${codeSpan(m.from.name, true)} ${when(doc, m.from.at)}`,
          `${codeSpan(m.to.name, true)} ${when(doc, m.to.at)}`,
          `${duration(m.ms)}${(m.ms ?? 0) < 0 ? " (out of order: check these milestones)" : ""}`,
        ]),
      ),
    );
  } else parts.push(prompt("No metric could be measured: the moments below were not recorded."));
  const cadence = cadenceTable(doc);
  if (cadence) parts.push(cadence);
  if (missing.length) {
    parts.push(
      "Not measured, because these moments were not recorded:",
      bullets(
        missing.map(
          (m) =>
            `${codeSpan(m.milestone, false)}, needed for ${m.metrics.join(", ")}: ${
              m.milestone === FIRST_UPDATE
                ? `no status update was posted with ${command("/incident update <text>")}`
                : m.milestone === "resolved"
                  ? `the incident is not resolved yet (${command("/incident status resolved")})`
                  : command(`/incident milestone ${m.milestone} --at <time>`)
            }`,
        ),
      ),
    );
  }
  return parts.join("\n\n");
}

function briefLines(brief: BriefView): string[] {
  const field = (label: string, text: string) =>
    `**${label}:** ${text.trim() ? escapeBlock(text, "  ") : "_(left empty)_"}`;
  return [
    field("Current state", brief.currentState),
    field("Tried or ruled out", brief.triedOrRuledOut),
    field("Open actions", brief.openActions),
    field("Risks to watch", brief.risks),
    field("Next checkpoint", brief.nextCheckpoint),
  ];
}

/** Typed text as a clause of a longer line: without the full stop or semicolon it ended with. */
export const asClause = (text: string): string => text.trim().replace(/[\s.;,:]+$/u, "");

/** "state: 20% done; tried: a restart", never "20% done.; tried: …". */
function inlineBrief(brief: BriefView): string {
  return [
    ["state", brief.currentState],
    ["tried", brief.triedOrRuledOut],
    ["open actions", brief.openActions],
    ["risks", brief.risks],
    ["next checkpoint", brief.nextCheckpoint],
  ]
    .map(([label, text]) => [label, asClause(text ?? "")])
    .filter(([, text]) => text)
    .map(([label, text]) => `${label}: ${escapeInline(text as string)}`)
    .join("; ");
}

export function shiftsSection(doc: PostmortemDocument): string {
  const chapters = doc.appendix.shifts;
  if (!chapters.length) return prompt("No shifts were recorded.");
  return chapters
    .map((c) => {
      const heading = `#### Shift ${c.number}: ${escapeHeading(c.commander.name)}, ${when(doc, c.from)} → ${c.to ? when(doc, c.to) : "end"} (${duration(c.durationMs)})`;
      const stats = `${plural(c.entries, "timeline entry", "timeline entries")}, ${plural(c.statusUpdates, "status update")}, ${plural(c.severityChanges, "severity change")}.${c.handedTo ? ` Handed to ${name(c.handedTo)}.` : ""}`;
      const parts = [heading, stats];
      if (c.brief)
        parts.push(
          `Handoff brief${c.brief.author ? ` by ${name(c.brief.author)}` : ""}${c.brief.at ? ` at ${when(doc, c.brief.at)}` : ""}:`,
          bullets(briefLines(c.brief)),
        );
      else if (c.handedTo) parts.push(prompt("No handoff brief was written for this shift change."));
      if (c.workstreamHandoffs.length) {
        parts.push(
          "Workstream handoffs during this shift:",
          bullets(
            c.workstreamHandoffs.map((h) => {
              const brief = h.brief ? inlineBrief(h.brief) : "";
              return `${when(doc, h.at)}, ${escapeInline(h.role)}: ${name(h.from)} → ${name(h.to)}${brief ? ` (${brief})` : ""}`;
            }),
          ),
        );
      }
      return parts.join("\n\n");
    })
    .join("\n\n");
}

export function ganttSection(doc: PostmortemDocument): string {
  const { gantt } = doc.appendix;
  const note = gantt.omitted
    ? `\n\n${prompt(`${gantt.omitted} more bars were left out to keep the chart readable; the tables above have every row.`)}`
    : "";
  return `\`\`\`mermaid\n${gantt.mermaid}\n\`\`\`${note}`;
}

function linkTo(url: string): string {
  return ` [message](${url.replace(/[()|]/g, (c) => encodeURIComponent(c))})`;
}

const listWords = (items: string[]) =>
  items.length > 1 ? `${items.slice(0, -1).join(", ")} and ${items.at(-1)}` : (items[0] ?? "");

/** What the bounded timeline left out, and where every entry is. */
function omittedNote(doc: PostmortemDocument, selection: TimelineSelection): string {
  if (!selection.omitted.length) return "";
  const parts = selection.omitted.map((o) =>
    o.shown ? `${o.shown} of the ${o.total} ${o.group}` : `none of the ${o.total} ${o.group}`,
  );
  const file = fullTimelineFilename(doc.incident.number, doc.generatedAt, "csv");
  return `**This draft shows ${selection.rows.length} of the ${selection.total} timeline rows** to stay readable: every row of the kinds not named here, and ${listWords(parts)} (spread evenly over the incident). The full timeline, every entry, is the file ${codeSpan(file, false)} posted with this draft.`;
}

export function timelineSection(doc: PostmortemDocument): string {
  const all = doc.appendix.timeline;
  if (!all.length) return prompt("The timeline is empty.");
  const selection = selectTimeline(all);
  const header = `${plural(all.length, "entry", "entries")}, in the order things happened (entries added later with a time in the past are marked).`;
  const note = omittedNote(doc, selection);
  return `${header}${note ? `\n\n${note}` : ""}\n\n${table(
    [...timeHeaders(doc), "Who", "Where", "What"],
    selection.rows.map((row) => {
      const notes = [
        row.tag ? ` _(tagged ${escapeChars(row.tag)})_` : "",
        row.recordedAt ? ` _(recorded ${when(doc, row.recordedAt)})_` : "",
        row.permalink ? linkTo(row.permalink) : "",
      ].join("");
      const rich = row.text.length > TIMELINE_CELL_MAX ? truncateRich(row.rich, TIMELINE_CELL_MAX) : row.rich;
      return [
        ...timeCells(doc, row.at),
        name(row.actor, ""),
        row.workstream ? codeSpan(row.workstream, true) : "",
        `${richToMarkdown(rich, true)}${notes}`,
      ];
    }),
  )}`;
}

/** Rich text cut to about `max` characters (typed text shortened, with an ellipsis). */
function truncateRich(rich: RichText, max: number): RichText {
  let left = max;
  const out: RichText = [];
  for (const part of rich) {
    const text = typeof part === "string" ? part : "typed" in part ? part.typed : null;
    if (text === null) {
      out.push(part);
      continue;
    }
    if (left <= 0) break;
    const cut = text.length > left ? `${text.slice(0, left).trimEnd()}…` : text;
    left -= text.length;
    out.push(typeof part === "string" ? cut : { typed: cut });
  }
  return out;
}
