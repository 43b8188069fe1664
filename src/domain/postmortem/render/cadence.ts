// Cadence compliance as the draft shows it: a line per severity period and the breaches (in
// the response section), and a table of every breach (in the metrics appendix).
import type { CadencePeriod, PostmortemDocument } from "../document.ts";
import { bullets, table } from "../markdown.ts";
import { duration, phrases, severityWord, when } from "./format.ts";

function breachWords(
  doc: PostmortemDocument,
  p: CadencePeriod,
  b: CadencePeriod["breaches"][number],
): string {
  return phrases(doc).cadence.breach(
    duration(doc, b.silenceMs),
    when(doc, b.silentFrom),
    when(doc, b.silentTo),
    when(doc, b.dueAt),
    duration(doc, b.overdueMs),
    b.endedByUpdate ? null : severityWord(p.severity),
  );
}

/** The response section's account: one bullet per period with a cadence, its breaches under it. */
export function cadenceSummary(doc: PostmortemDocument): string {
  const w = phrases(doc).cadence;
  const periods = doc.response.statusUpdates.cadence.filter((p) => p.cadenceMs !== null);
  if (!periods.length) return "";
  const total = periods.reduce((n, p) => n + p.breaches.length, 0);
  const lines = periods.map((p) => {
    const head = w.period(
      severityWord(p.severity),
      when(doc, p.from),
      when(doc, p.to),
      duration(doc, p.cadenceMs),
      p.updates,
      p.breaches.length,
    );
    return [head, ...p.breaches.map((b) => `  - ${breachWords(doc, p, b)}`)].join("\n");
  });
  return `${total ? w.broken(total) : w.kept}\n\n${bullets(lines)}`;
}

/** The metrics appendix's table of breaches. */
export function cadenceTable(doc: PostmortemDocument): string {
  const w = phrases(doc).cadence;
  const rows = doc.response.statusUpdates.cadence.flatMap((p) =>
    p.breaches.map((b) => [
      severityWord(p.severity),
      duration(doc, p.cadenceMs),
      when(doc, b.silentFrom),
      when(doc, b.silentTo),
      duration(doc, b.silenceMs),
      duration(doc, b.overdueMs),
    ]),
  );
  if (!rows.length) return "";
  return `${w.tableIntro}\n\n${table(w.columns, rows)}`;
}
