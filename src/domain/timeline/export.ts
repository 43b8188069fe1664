// A whole timeline as a file: Markdown (a table people read), JSON (for tools) or CSV (for
// spreadsheets). Pure: entries and names in, text out, in occurredAt order as stored.
import { describeEntry } from "./describe.ts";
import { phraseToMarkdown, phraseToPlain } from "./render-phrase.ts";

export interface ExportEntry {
  id: number;
  kind: string;
  occurredAt: Date;
  recordedAt: Date;
  actorId: string | null;
  workstream: string | null;
  text: string;
  data: unknown;
  tag: string | null;
  permalink: string | null;
}

export interface ExportHeader {
  number: number;
  title: string;
  isPrivate: boolean;
}

export type ExportFormat = "md" | "json" | "csv";

const iso = (date: Date) => date.toISOString();

export function exportTimeline(
  header: ExportHeader,
  entries: ExportEntry[],
  nameOf: (userId: string) => string,
  format: ExportFormat,
): string {
  const rows = entries.map((entry) => ({
    entry,
    phrase: describeEntry({ kind: entry.kind, data: entry.data, text: entry.text }),
    who: entry.actorId ? nameOf(entry.actorId) : "incident bot",
  }));
  if (format === "json") {
    return `${JSON.stringify(
      {
        incident: header,
        entries: rows.map(({ entry, phrase, who }) => ({
          id: entry.id,
          occurredAt: iso(entry.occurredAt),
          recordedAt: iso(entry.recordedAt),
          kind: entry.kind,
          who,
          actorId: entry.actorId,
          workstream: entry.workstream,
          tag: entry.tag,
          description: phraseToPlain(phrase, nameOf),
          permalink: entry.permalink,
          data: entry.data,
        })),
      },
      null,
      2,
    )}\n`;
  }
  if (format === "csv") {
    const cell = (value: string | null) => `"${(value ?? "").replace(/"/g, '""')}"`;
    const lines = [
      ["occurred_at", "recorded_at", "kind", "who", "workstream", "tag", "description", "permalink"].join(
        ",",
      ),
    ];
    for (const { entry, phrase, who } of rows) {
      lines.push(
        [
          iso(entry.occurredAt),
          iso(entry.recordedAt),
          entry.kind,
          who,
          entry.workstream,
          entry.tag,
          phraseToPlain(phrase, (id) => `@${nameOf(id)}`),
          entry.permalink,
        ]
          .map(cell)
          .join(","),
      );
    }
    return `${lines.join("\r\n")}\r\n`;
  }
  const escapeCell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  const lines = [
    `# INC-${header.number} timeline`,
    "",
    `${entries.length} entries in the order they happened. Times are UTC; "recorded" is when the bot learnt of it.`,
    "",
    "| Happened (UTC) | Recorded (UTC) | Who | Workstream | What |",
    "|---|---|---|---|---|",
  ];
  for (const { entry, phrase, who } of rows) {
    const what =
      phraseToMarkdown(phrase, nameOf) + (entry.permalink ? ` ([message](${entry.permalink}))` : "");
    lines.push(
      `| ${iso(entry.occurredAt).slice(0, 19).replace("T", " ")} | ${iso(entry.recordedAt).slice(0, 19).replace("T", " ")} | ${escapeCell(who)} | ${escapeCell(entry.workstream ?? "")} | ${what} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}
