// Cutting text to Slack's limits without breaking words, surrogate pairs or escapes.

const ELLIPSIS = "…";

/**
 * `text` shortened to at most `max` characters (UTF-16 code units, as Slack counts), cut on a
 * word boundary when one is reasonably close, with an ellipsis when anything was removed.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return ELLIPSIS.slice(0, max);
  let cut = text.slice(0, max - 1);
  const lastSpace = cut.search(/\s\S*$/);
  if (lastSpace > max * 0.6) cut = cut.slice(0, lastSpace);
  // Never split a surrogate pair or an HTML entity produced by escaping.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/&[a-z]{0,4}$/, "");
  return `${cut.trimEnd()}${ELLIPSIS}`;
}

/** Like `truncate` but for a slug-like string (no ellipsis), cut at the last separator. */
export function truncateSlug(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  const boundary = cut.lastIndexOf("-");
  return (boundary > max * 0.5 ? cut.slice(0, boundary) : cut).replace(/[-_]+$/, "");
}
