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
import { duration, name, when } from "./format.ts";

function notes(doc: PostmortemDocument, section: NotesSection, what: string, tagCommand: string): string {
  const parts: string[] = [];
  if (section.statement) parts.push(escapeBlock(section.statement));
  if (section.entries.length) {
    parts.push(
      `${section.statement ? "Notes" : `No ${what} statement was given at close; notes`} tagged in the timeline:`,
      bullets(
        section.entries.map((e) => {
          const who = [
            e.author ? name(e.author) : "",
            e.workstream ? `in ${codeSpan(e.workstream, false)}` : "",
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
      `${prompt(`Nothing was recorded yet. Tag notes during the incident with`)} ${command(tagCommand)}${prompt(", or answer:")}`,
      bullets(section.prompts.map(prompt)),
    );
  }
  return parts.join("\n\n");
}

export const rootCauseSection = (doc: PostmortemDocument) =>
  notes(doc, doc.rootCause, "root-cause", "/incident note --cause <text>");

export const lessonsSection = (doc: PostmortemDocument) =>
  notes(doc, doc.lessons, "lessons", "/incident note --lesson <text>");

const regionCell = (region: string) => (region ? codeSpan(region, true) : "all regions");

export function recoverySection(doc: PostmortemDocument): string {
  const { regions, services } = doc.recovery;
  if (!services.length && !regions.some((r) => r.workstreamStatus)) {
    return prompt(
      "The recovery board was not used. Describe when each region and service recovered, live data first, then historical data.",
    );
  }
  const start = doc.incident.start.at;
  const since = (at: string | null) => (at ? ` (+${duration(Date.parse(at) - Date.parse(start))})` : "");
  const open = (list: string[]) => (list.length ? list.map((s) => codeSpan(s, true)).join(", ") : "");
  const parts = [
    `Times in brackets are since ${doc.incident.start.source === "impact-started" ? "impact began" : "the declaration"}.`,
    "#### By region and workstream",
    table(
      [
        "Region or workstream",
        "Workstream",
        "First sign of recovery",
        "Live data recovered",
        "Backfill complete",
        "Regressions",
        "Not recovered yet",
      ],
      regions.map((r) => [
        regionCell(r.region),
        r.workstreamStatus
          ? `${escapeChars(r.workstreamStatus)}${r.workstreamResolvedAt ? ` ${when(doc, r.workstreamResolvedAt)}` : ""}`
          : "—",
        `${when(doc, r.firstRecoveryAt)}${since(r.firstRecoveryAt)}`,
        `${when(doc, r.liveRecoveredAt)}${since(r.liveRecoveredAt)}`,
        `${when(doc, r.backfillCompleteAt)}${since(r.backfillCompleteAt)}`,
        r.regressions ? String(r.regressions) : "—",
        [
          open(r.liveNotRecovered),
          r.backfillNotComplete.length ? `backfill: ${open(r.backfillNotComplete)}` : "",
        ]
          .filter(Boolean)
          .join("; ") || "—",
      ]),
    ),
  ];
  if (services.length) {
    parts.push(
      "#### By service",
      table(
        [
          "Service",
          "Region",
          "Data",
          "First reported",
          "Worst",
          "Recovering",
          "Recovered",
          "Regressions",
          "Now",
        ],
        services.map((s) => [
          codeSpan(s.service, true),
          regionCell(s.region),
          s.phase === "backfill" ? "backfill" : "live",
          when(doc, s.firstReportedAt),
          escapeChars(s.worstState ?? "—"),
          when(doc, s.recoveringAt),
          `${when(doc, s.recoveredAt)}${since(s.recoveredAt)}`,
          s.regressions ? String(s.regressions) : "—",
          `${escapeChars(s.state)}${s.note ? `: ${escapeInline(s.note)}` : ""}`,
        ]),
      ),
    );
  }
  if (doc.recovery.regressions.length) {
    parts.push(
      "#### Regressions",
      "Each time something that had recovered broke again:",
      table(
        ["Broke again", "Service", "Region", "Data", "Had recovered", "Now", "Reported by", "Note"],
        doc.recovery.regressions.map((r) => [
          `${when(doc, r.at)}${since(r.at)}`,
          codeSpan(r.service, true),
          regionCell(r.region),
          r.phase === "backfill" ? "backfill" : "live",
          when(doc, r.recoveredAt),
          escapeChars(r.to),
          name(r.reportedBy),
          r.note ? escapeInline(r.note) : "",
        ]),
      ),
    );
  } else if (services.length) parts.push("No regressions: nothing that recovered broke again.");
  return parts.join("\n\n");
}

export function actionItemsSection(doc: PostmortemDocument): string {
  if (!doc.actionItems.length) {
    return `${prompt("No action items yet. Add them with")} ${command("/incident action <text> --owner @person")}${prompt(", or here.")}`;
  }
  return table(
    ["#", "Action", "Owner", "Status", "Added"],
    doc.actionItems.map((a) => [
      String(a.number),
      escapeInline(a.text),
      a.owner ? name(a.owner) : "_unassigned_",
      escapeChars(a.status),
      `${when(doc, a.createdAt)} by ${name(a.createdBy)}`,
    ]),
  );
}

export const closingSection = (doc: PostmortemDocument) => prompt(doc.closing.prompt);
