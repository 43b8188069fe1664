// Root cause, recovery, lessons learned, action items and the closing paragraph.
import type { NotesSection, PostmortemDocument } from "../document.ts";
import {
  bullets,
  codeSpan,
  command,
  escapeBlock,
  escapeChars,
  escapeInline,
  prompt,
  table,
} from "../markdown.ts";
import { duration, name, phrases, when } from "./format.ts";

function notes(
  doc: PostmortemDocument,
  section: NotesSection,
  what: "root-cause" | "lessons",
  tagCommand: string,
): string {
  const w = phrases(doc).notes;
  const parts: string[] = [];
  if (section.statement) parts.push(escapeBlock(section.statement));
  if (section.entries.length) {
    parts.push(
      w.tagged(section.statement !== null, what),
      bullets(
        section.entries.map((e) => {
          const who = [
            e.author ? name(e.author) : "",
            e.workstream ? w.in(codeSpan(e.workstream, false)) : "",
          ]
            .filter(Boolean)
            .join(" ");
          return `${when(doc, e.at)}${who ? `, ${who}` : ""}: ${escapeInline(e.text)}`;
        }),
      ),
    );
  }
  if (section.prompts.length) {
    parts.push(
      `${prompt(w.nothingYet)} ${command(tagCommand)}${prompt(w.orAnswer)}`,
      bullets(section.prompts.map(prompt)),
    );
  }
  return parts.join("\n\n");
}

export const rootCauseSection = (doc: PostmortemDocument) =>
  notes(doc, doc.rootCause, "root-cause", "/incident note --cause <text>");

export const lessonsSection = (doc: PostmortemDocument) =>
  notes(doc, doc.lessons, "lessons", "/incident note --lesson <text>");

export function recoverySection(doc: PostmortemDocument): string {
  const { regions, services } = doc.recovery;
  const t = phrases(doc);
  const w = t.recovery;
  const regionCell = (region: string) => (region ? codeSpan(region, true) : t.allRegions);
  const data = (phase: string) => (phase === "backfill" ? w.backfill : w.live);
  if (!services.length && !regions.some((r) => r.workstreamStatus)) return prompt(w.unused);
  const start = doc.incident.start.at;
  const since = (at: string | null) => (at ? ` (+${duration(doc, Date.parse(at) - Date.parse(start))})` : "");
  const open = (list: string[]) => (list.length ? list.map((s) => codeSpan(s, true)).join(", ") : "");
  const parts = [
    w.since(doc.incident.start.source === "impact-started"),
    `#### ${w.byRegion}`,
    table(
      w.regionColumns,
      regions.map((r) => [
        regionCell(r.region),
        r.workstreamStatus
          ? `${escapeChars(t.word(r.workstreamStatus))}${r.workstreamResolvedAt ? ` ${when(doc, r.workstreamResolvedAt)}` : ""}`
          : "—",
        `${when(doc, r.firstRecoveryAt)}${since(r.firstRecoveryAt)}`,
        `${when(doc, r.liveRecoveredAt)}${since(r.liveRecoveredAt)}`,
        `${when(doc, r.backfillCompleteAt)}${since(r.backfillCompleteAt)}`,
        r.regressions ? String(r.regressions) : "—",
        [
          open(r.liveNotRecovered),
          r.backfillNotComplete.length ? w.backfillOpen(open(r.backfillNotComplete)) : "",
        ]
          .filter(Boolean)
          .join("; ") || "—",
      ]),
    ),
  ];
  if (services.length) {
    parts.push(
      `#### ${w.byService}`,
      table(
        w.serviceColumns,
        services.map((s) => [
          codeSpan(s.service, true),
          regionCell(s.region),
          data(s.phase),
          when(doc, s.firstReportedAt),
          escapeChars(s.worstState ? t.word(s.worstState) : "—"),
          when(doc, s.recoveringAt),
          `${when(doc, s.recoveredAt)}${since(s.recoveredAt)}`,
          s.regressions ? String(s.regressions) : "—",
          `${escapeChars(t.word(s.state))}${s.note ? `: ${escapeInline(s.note)}` : ""}`,
        ]),
      ),
    );
  }
  if (doc.recovery.regressions.length) {
    parts.push(
      `#### ${w.regressions}`,
      w.regressionsIntro,
      table(
        w.regressionColumns,
        doc.recovery.regressions.map((r) => [
          `${when(doc, r.at)}${since(r.at)}`,
          codeSpan(r.service, true),
          regionCell(r.region),
          data(r.phase),
          when(doc, r.recoveredAt),
          escapeChars(t.word(r.to)),
          name(r.reportedBy),
          r.note ? escapeInline(r.note) : "",
        ]),
      ),
    );
  } else if (services.length) parts.push(w.noRegressions);
  return parts.join("\n\n");
}

export function actionItemsSection(doc: PostmortemDocument): string {
  const w = phrases(doc).actions;
  if (!doc.actionItems.length) {
    return `${prompt(w.none)} ${command("/incident action <text> --owner @person")}${prompt(w.orHere)}`;
  }
  return table(
    w.columns,
    doc.actionItems.map((a) => [
      String(a.number),
      escapeInline(a.text),
      a.owner ? name(a.owner) : w.unassigned,
      escapeChars(phrases(doc).word(a.status)),
      w.added(when(doc, a.createdAt), name(a.createdBy)),
    ]),
  );
}

export const closingSection = (doc: PostmortemDocument) => prompt(doc.closing.prompt);
