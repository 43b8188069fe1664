// Long text (already escaped mrkdwn) as section blocks: each under the section limit, split
// on line or word boundaries, never inside an escape, and the whole capped so the message
// stays under Slack's blocks-size limit.
import { truncate } from "../../domain/text/truncate.ts";
import { type Block, section } from "./blocks.ts";
import { LIMITS } from "./limits.ts";

const PIECE_MAX = LIMITS.sectionText - 100;

/** Splits `text` into pieces of at most `max` characters. */
export function splitText(text: string, max: number = PIECE_MAX): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = Math.max(rest.lastIndexOf("\n", max), rest.lastIndexOf(" ", max));
    if (cut < max * 0.5) {
      cut = max;
      // Never split an escape such as &amp; or a surrogate pair.
      const amp = rest.lastIndexOf("&", cut);
      if (amp > cut - 5 && !rest.slice(amp, cut).includes(";")) cut = amp;
      if (/[\uD800-\uDBFF]/.test(rest[cut - 1] ?? "")) cut -= 1;
    }
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^[ \n]/, "");
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/**
 * Sections holding `escaped`, at most `maxTotal` characters in all (cut with an ellipsis and
 * `overflowNote` when longer).
 */
export function textSections(escaped: string, maxTotal = 8000, overflowNote = ""): Block[] {
  const fits = escaped.length <= maxTotal;
  const text = fits ? escaped : `${truncate(escaped, maxTotal)}${overflowNote ? `\n${overflowNote}` : ""}`;
  return splitText(text).map((piece) => section(piece));
}
