// Cadence compliance as the draft shows it: a line per severity period and the breaches (in
// the response section), and a table of every breach (in the metrics appendix).
import type { CadencePeriod, PostmortemDocument } from "../document.ts";
import { bullets, table } from "../markdown.ts";
import { duration, plural, severityWord, when } from "./format.ts";

const periodWords = (doc: PostmortemDocument, p: CadencePeriod) =>
  `${severityWord(p.severity)} ${when(doc, p.from)} → ${when(doc, p.to)}`;

function breachWords(doc: PostmortemDocument, p: CadencePeriod, i: number): string {
  const b = p.breaches[i] as CadencePeriod["breaches"][number];
  const ended = b.endedByUpdate ? "" : ` (no update before the ${severityWord(p.severity)} period ended)`;
  return `${duration(b.silenceMs)} without an update, ${when(doc, b.silentFrom)} → ${when(doc, b.silentTo)}: due ${when(doc, b.dueAt)}, ${duration(b.overdueMs)} late${ended}`;
}

/** The response section's account: one bullet per period with a cadence, its breaches under it. */
export function cadenceSummary(doc: PostmortemDocument): string {
  const periods = doc.response.statusUpdates.cadence.filter((p) => p.cadenceMs !== null);
  if (!periods.length) return "";
  const total = periods.reduce((n, p) => n + p.breaches.length, 0);
  const lines = periods.map((p) => {
    const head = `${periodWords(doc, p)}, an update due every ${duration(p.cadenceMs)}: ${plural(p.updates, "update")}, ${
      p.breaches.length ? plural(p.breaches.length, "breach", "breaches") : "no breach"
    }`;
    const items = p.breaches.map((_, i) => `  - ${breachWords(doc, p, i)}`);
    return [head, ...items].join("\n");
  });
  return `${total ? `**The update cadence was broken ${total === 1 ? "once" : `${total} times`}.**` : "The update cadence was kept in every severity period."}\n\n${bullets(lines)}`;
}

/** The metrics appendix's table of breaches. */
export function cadenceTable(doc: PostmortemDocument): string {
  const rows = doc.response.statusUpdates.cadence.flatMap((p) =>
    p.breaches.map((b) => [
      severityWord(p.severity),
      duration(p.cadenceMs),
      when(doc, b.silentFrom),
      when(doc, b.silentTo),
      duration(b.silenceMs),
      duration(b.overdueMs),
    ]),
  );
  if (!rows.length) return "";
  return `Status-update cadence breaches (silence from the last update, or the declaration, to the next update or the end of the severity period):\n\n${table(
    ["Severity", "Cadence", "Silent from", "Until", "Silence", "Late by"],
    rows,
  )}`;
}
