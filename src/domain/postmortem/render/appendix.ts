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
import { duration, name, phrases, timeCells, timeHeaders, when } from "./format.ts";

export function metricsSection(doc: PostmortemDocument): string {
  const { metrics, missing } = doc.appendix.metrics;
  const measured = metrics.filter((m) => m.ms !== null);
  const w = phrases(doc).metrics;
  // Missing metrics are named in lower case ("time to detect"); the catalogue has the titles.
  const metricName = (name: string) =>
    Object.entries(w.names).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] ?? name;
  const parts: string[] = [];
  if (measured.length) {
    parts.push(
      table(
        w.columns,
        measured.map((m) => [
          w.names[m.name] ?? m.name,
          `${codeSpan(m.from.name, true)} ${when(doc, m.from.at)}`,
          `${codeSpan(m.to.name, true)} ${when(doc, m.to.at)}`,
          `${duration(doc, m.ms)}${(m.ms ?? 0) < 0 ? w.outOfOrder : ""}`,
        ]),
      ),
    );
  } else parts.push(prompt(w.noneMeasured));
  const { resolutions } = doc.appendix.metrics;
  if (resolutions > 1) parts.push(w.firstResolution(resolutions));
  const cadence = cadenceTable(doc);
  if (cadence) parts.push(cadence);
  if (missing.length) {
    parts.push(
      w.missingIntro,
      bullets(
        missing.map((m) =>
          w.neededFor(
            codeSpan(m.milestone, false),
            m.metrics.map((name) => metricName(name).toLowerCase()).join(", "),
            m.milestone === FIRST_UPDATE
              ? `${w.noUpdate} ${command("/incident update <text>")}`
              : m.milestone === "resolved"
                ? `${w.notResolved} (${command("/incident status resolved")})`
                : command(`/incident milestone ${m.milestone} --at <time>`),
          ),
        ),
      ),
    );
  }
  return parts.join("\n\n");
}

const BRIEF_FIELDS = ["currentState", "triedOrRuledOut", "openActions", "risks", "nextCheckpoint"] as const;

function briefLines(doc: PostmortemDocument, brief: BriefView): string[] {
  const w = phrases(doc).shifts;
  return BRIEF_FIELDS.map((field) => {
    const text = brief[field];
    return `**${w.fields[field]}:** ${text.trim() ? escapeBlock(text, "  ") : w.leftEmpty}`;
  });
}

/** Typed text as a clause of a longer line: without the full stop or semicolon it ended with. */
export const asClause = (text: string): string => text.trim().replace(/[\s.;,:]+$/u, "");

/** "state: 20% done; tried: a restart", never "20% done.; tried: …". */
function inlineBrief(doc: PostmortemDocument, brief: BriefView): string {
  const labels = phrases(doc).shifts.inline;
  return BRIEF_FIELDS.map((field) => [labels[field], brief[field]])
    .map(([label, text]) => [label, asClause(text ?? "")])
    .filter(([, text]) => text)
    .map(([label, text]) => `${label}: ${escapeInline(text as string)}`)
    .join("; ");
}

export function shiftsSection(doc: PostmortemDocument): string {
  const chapters = doc.appendix.shifts;
  const t = phrases(doc);
  const w = t.shifts;
  if (!chapters.length) return prompt(w.none);
  return chapters
    .map((c) => {
      const heading = `#### ${w.heading(c.number, escapeHeading(c.commander.name), when(doc, c.from), c.to ? when(doc, c.to) : t.end, duration(doc, c.durationMs))}`;
      const stats = `${w.stats(c.entries, c.statusUpdates, c.severityChanges)}${c.handedTo ? w.handedTo(name(c.handedTo)) : ""}`;
      const parts = [heading, stats];
      if (c.brief)
        parts.push(
          w.brief(c.brief.author ? name(c.brief.author) : null, c.brief.at ? when(doc, c.brief.at) : null),
          bullets(briefLines(doc, c.brief)),
        );
      else if (c.handedTo) parts.push(prompt(w.noBrief));
      if (c.workstreamHandoffs.length) {
        parts.push(
          w.workstreamHandoffs,
          bullets(
            c.workstreamHandoffs.map((h) => {
              const brief = h.brief ? inlineBrief(doc, h.brief) : "";
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
  const note = gantt.omitted ? `\n\n${prompt(phrases(doc).gantt.omitted(gantt.omitted))}` : "";
  return `\`\`\`mermaid\n${gantt.mermaid}\n\`\`\`${note}`;
}

function linkTo(doc: PostmortemDocument, url: string): string {
  return ` [${phrases(doc).timeline.message}](${url.replace(/[()|]/g, (c) => encodeURIComponent(c))})`;
}

/** What the bounded timeline left out (if anything), and where every entry is: the file beside the draft. */
function omittedNote(doc: PostmortemDocument, selection: TimelineSelection): string {
  const t = phrases(doc);
  const w = t.timeline;
  const file = fullTimelineFilename(doc.incident.number, doc.generatedAt, "csv");
  if (!selection.omitted.length) return w.file(codeSpan(file, false));
  const parts = selection.omitted.map((o) => w.omittedGroup(o.shown, o.total, w.groups[o.group] ?? o.group));
  return w.omitted(w.shown(selection.rows.length, selection.total), t.list(parts), codeSpan(file, false));
}

export function timelineSection(doc: PostmortemDocument): string {
  const all = doc.appendix.timeline;
  const w = phrases(doc).timeline;
  if (!all.length) return prompt(w.empty);
  const selection = selectTimeline(all);
  const header = w.header(all.length);
  const note = omittedNote(doc, selection);
  return `${header}${note ? `\n\n${note}` : ""}\n\n${table(
    [...timeHeaders(doc), ...w.columns],
    selection.rows.map((row) => {
      const notes = [
        row.tag ? ` _(${w.tagged(escapeChars(row.tag))})_` : "",
        row.recordedAt ? ` _(${w.recorded(when(doc, row.recordedAt))})_` : "",
        row.permalink ? linkTo(doc, row.permalink) : "",
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
