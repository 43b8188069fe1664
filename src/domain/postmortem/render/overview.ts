// The title block, incident and impact, and the chronology.
import { severityLabel } from "../../incident/severity.ts";
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
import { duration, name, names, timeCells, timeHeaders, when, whenBoth, whenLocal } from "./format.ts";

export function headerSection(doc: PostmortemDocument): string {
  const { incident } = doc;
  const flags = [
    incident.isPrivate ? "private incident" : "",
    incident.channelName ? `#${incident.channelName}` : "",
  ]
    .filter(Boolean)
    .map(escapeChars);
  const range = `${when(doc, incident.start.at)} → ${incident.end ? when(doc, incident.end.at) : "ongoing"}`;
  const localRange =
    doc.displayTimeZone && incident.end
      ? ` (${whenLocal(doc, incident.start.at)} → ${whenLocal(doc, incident.end.at)})`
      : doc.displayTimeZone
        ? ` (${whenLocal(doc, incident.start.at)} → ongoing)`
        : "";
  const startWord = incident.start.source === "impact-started" ? "impact start" : "declaration";
  const lines = [
    `**Incident:** INC-${incident.number}${flags.length ? ` (${flags.join(", ")})` : ""}`,
    `**Peak severity:** ${severityLabel(incident.peakSeverity as 1)}${incident.severity !== incident.peakSeverity ? `; ${severityLabel(incident.severity as 1)} at the end` : ""}`,
    `**Status:** ${escapeChars(incident.status)}`,
    `**Dates:** ${range}${localRange}`,
    `**Duration:** ${incident.durationMs !== null && incident.end ? `${duration(incident.durationMs)}, from ${startWord} to ${incident.end.source === "resolved" ? "resolution" : "closure"}` : "not over yet"}`,
    `**Incident commanders:** ${names(incident.commanders)}`,
    `**Generated:** ${formatUtc(new Date(doc.generatedAt), true)} from the incident's timeline. This is a draft: correct it, then answer the prompts in italics.`,
  ];
  const parts = [bullets(lines), escapeBlock(doc.summary)];
  if (incident.declaredSummary)
    parts.push(`**Summary at declaration:** ${escapeInline(incident.declaredSummary)}`);
  return parts.join("\n\n");
}

export function impactSection(doc: PostmortemDocument): string {
  const { impact } = doc;
  const parts: string[] = [];
  if (impact.regions.length) {
    parts.push(
      table(
        ["Region or workstream", "Workstream status", "Leads", "Services on the recovery board"],
        impact.regions.map((r) => [
          r.name ? codeSpan(r.name, true) : "all regions",
          r.isWorkstream ? escapeChars(r.workstreamStatus ?? "") : "not a workstream",
          names(r.leads),
          r.services.length ? r.services.map((s) => codeSpan(s, true)).join(", ") : "—",
        ]),
      ),
    );
  } else parts.push(prompt("No regions or workstreams were recorded. Name the regions affected."));
  if (impact.services.length) {
    const list = impact.services.map((s) => {
      const regions = s.regions.map((r) => (r ? codeSpan(r, false) : "all regions"));
      return `${codeSpan(s.name, false)}${regions.length ? ` (${regions.join(", ")})` : ""}`;
    });
    parts.push(`**Services affected:** ${list.join("; ")}`);
  } else parts.push(`**Services affected:** ${prompt("none recorded; list them.")}`);
  const moment = (label: string, m: typeof impact.began, missing: string) =>
    `**${label}:** ${m ? `${whenBoth(doc, m.at)} (${m.source === "recovery board" ? "last backfill recovered on the recovery board" : `milestone ${codeSpan(m.source, false)}`})` : missing}`;
  const record = (milestone: string) =>
    `${prompt("not recorded; add it with")} ${command(`/incident milestone ${milestone} --at <time>`)}`;
  parts.push(
    bullets([
      moment("Impact began", impact.began, record("impact-started")),
      moment("Impact ended", impact.ended, record("mitigated")),
      moment("Historical data complete", impact.backfillComplete, prompt("no backfill was recorded")),
    ]),
  );
  parts.push(
    `**Customer impact**\n\n${impact.customerImpact ? escapeBlock(impact.customerImpact) : prompt("Not written yet: who was affected, what did they see, for how long, and what did they lose (data, alerts, money)?")}`,
  );
  return parts.join("\n\n");
}

export function chronologySection(doc: PostmortemDocument): string {
  if (!doc.chronology.length) return prompt("Nothing was recorded.");
  return table(
    [...timeHeaders(doc), "Moment", "Details", "By"],
    doc.chronology.map((row) => [
      ...timeCells(doc, row.at),
      escapeChars(row.moment),
      richToMarkdown(row.details, true),
      name(row.actor, ""),
    ]),
  );
}
