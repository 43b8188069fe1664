// The access record section: a heading and one row per action that added people, for private
// incidents only (nothing at all for public ones, heading included).
import type { PostmortemDocument } from "../document.ts";
import { escapeHeading, richToMarkdown, table } from "../markdown.ts";
import { name, phrases, timeCells, timeHeaders } from "./format.ts";

export function accessSection(doc: PostmortemDocument): string {
  const rows = doc.appendix.access;
  if (rows === null) return "";
  const w = phrases(doc).access;
  const heading = `### ${escapeHeading(w.heading)}`;
  if (!rows.length) return `${heading}\n\n${w.empty}`;
  return `${heading}\n\n${w.intro}\n\n${table(
    [...timeHeaders(doc), ...w.columns],
    rows.map((row) => [...timeCells(doc, row.at), richToMarkdown(row.what, true), name(row.actor, "")]),
  )}`;
}
