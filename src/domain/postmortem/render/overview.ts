// The title block, incident and impact, and the chronology.
import { formatUtc } from "../../time/format.ts";
import type { PostmortemDocument } from "../document.ts";
import {
  bullets,
  codeSpan,
  command,
  escapeBlock,
  escapeChars,
  escapeInline,
  prompt,
  richToMarkdown,
  table,
} from "../markdown.ts";
import {
  duration,
  name,
  names,
  phrases,
  severityWords,
  timeCells,
  timeHeaders,
  when,
  whenBoth,
  whenLocal,
} from "./format.ts";

export function headerSection(doc: PostmortemDocument): string {
  const { incident } = doc;
  const t = phrases(doc);
  const h = t.header;
  const flags = [
    incident.isPrivate ? h.privateIncident : "",
    incident.channelName ? `#${incident.channelName}` : "",
  ]
    .filter(Boolean)
    .map(escapeChars);
  const range = `${when(doc, incident.start.at)} → ${incident.end ? when(doc, incident.end.at) : t.ongoing}`;
  const localRange =
    doc.displayTimeZone && incident.end
      ? ` (${whenLocal(doc, incident.start.at)} → ${whenLocal(doc, incident.end.at)})`
      : doc.displayTimeZone
        ? ` (${whenLocal(doc, incident.start.at)} → ${t.ongoing})`
        : "";
  const lines = [
    `**${h.incident}:** INC-${incident.number}${flags.length ? ` (${flags.join(", ")})` : ""}`,
    `**${h.peak}:** ${severityWords(doc, incident.peakSeverity)}${incident.severity !== incident.peakSeverity ? `; ${h.atTheEnd(severityWords(doc, incident.severity))}` : ""}`,
    `**${h.status}:** ${escapeChars(t.word(incident.status))}`,
    `**${h.dates}:** ${range}${localRange}`,
    `**${h.duration}:** ${incident.durationMs !== null && incident.end ? h.durationSpan(duration(doc, incident.durationMs), incident.start.source === "impact-started", incident.end.source === "resolved") : h.notOver}`,
    `**${h.commanders}:** ${names(incident.commanders)}`,
    ...(incident.pageUrl ? [`**${h.incidentPage}:** <${incident.pageUrl}>`] : []),
    `**${h.generated}:** ${h.generatedNote(formatUtc(new Date(doc.generatedAt), true))}`,
  ];
  const parts = [bullets(lines), escapeBlock(doc.summary)];
  if (incident.declaredSummary)
    parts.push(`**${h.declaredSummary}:** ${escapeInline(incident.declaredSummary)}`);
  return parts.join("\n\n");
}

export function impactSection(doc: PostmortemDocument): string {
  const { impact } = doc;
  const t = phrases(doc);
  const w = t.impact;
  const parts: string[] = [];
  if (impact.regions.length) {
    parts.push(
      table(
        w.regionColumns,
        impact.regions.map((r) => [
          r.name ? codeSpan(r.name, true) : t.allRegions,
          r.isWorkstream ? escapeChars(t.word(r.workstreamStatus ?? "")) : w.notWorkstream,
          names(r.leads),
          r.services.length ? r.services.map((s) => codeSpan(s, true)).join(", ") : "—",
        ]),
      ),
    );
  } else parts.push(prompt(w.noRegions));
  if (impact.services.length) {
    const list = impact.services.map((s) => {
      const regions = s.regions.map((r) => (r ? codeSpan(r, false) : t.allRegions));
      return `${codeSpan(s.name, false)}${regions.length ? ` (${regions.join(", ")})` : ""}`;
    });
    parts.push(`**${w.servicesAffected}:** ${list.join("; ")}`);
  } else parts.push(`**${w.servicesAffected}:** ${prompt(w.noServices)}`);
  const moment = (label: string, m: typeof impact.began, missing: string) =>
    `**${label}:** ${m ? `${whenBoth(doc, m.at)} (${m.source === "recovery board" ? w.fromBoard : `${w.milestone} ${codeSpan(m.source, false)}`})` : missing}`;
  const record = (milestone: string) =>
    `${prompt(w.notRecorded)} ${command(`/incident milestone ${milestone} --at <time>`)}`;
  parts.push(
    bullets([
      moment(w.began, impact.began, record("impact-started")),
      moment(w.ended, impact.ended, record("mitigated")),
      moment(w.backfill, impact.backfillComplete, prompt(w.noBackfill)),
    ]),
  );
  parts.push(
    `**${w.customerImpact}**\n\n${impact.customerImpact ? escapeBlock(impact.customerImpact) : prompt(w.customerPrompt)}`,
  );
  return parts.join("\n\n");
}

export function chronologySection(doc: PostmortemDocument): string {
  const t = phrases(doc);
  if (!doc.chronology.length) return prompt(t.chronology.nothing);
  return table(
    [...timeHeaders(doc), ...t.chronology.columns],
    doc.chronology.map((row) => [
      ...timeCells(doc, row.at),
      escapeChars(row.moment),
      richToMarkdown(row.details, true),
      name(row.actor, ""),
    ]),
  );
}
