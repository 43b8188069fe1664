// Splits slash-command text into tokens that remember where they came from, so a verb can
// take "the rest of the text" exactly as typed (spacing, new lines) after removing options.

export interface Token {
  /** The token's value: quotes removed. */
  value: string;
  /** Offsets of the token in the source, quotes included. */
  start: number;
  end: number;
  quoted: boolean;
}

const QUOTES: Record<string, string> = { '"': '"', "'": "'", "“": "”", "‘": "’", "«": "»" };
const SPACE = /[\s\u00a0\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/**
 * `source.indexOf(char, from)` for a `from` that only grows, in linear time overall: each
 * answer is remembered until the scan passes it. Without this, text of many unclosed opening
 * quotes (or `<` without `>`) rescans the rest of the text once per quote: quadratic, and 200k
 * characters of `“ ` blocked the event loop for minutes.
 */
function forwardFinder(source: string): (char: string, from: number) => number {
  const next = new Map<string, number>();
  return (char, from) => {
    const known = next.get(char);
    if (known !== undefined && (known === -1 || known >= from)) return known;
    const found = source.indexOf(char, from);
    next.set(char, found);
    return found;
  };
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const find = forwardFinder(source);
  let i = 0;
  while (i < source.length) {
    const char = source[i] as string;
    if (SPACE.test(char)) {
      i++;
      continue;
    }
    const close = QUOTES[char];
    if (close) {
      const end = find(close, i + 1);
      if (end > i) {
        tokens.push({ value: source.slice(i + 1, end), start: i, end: end + 1, quoted: true });
        i = end + 1;
        continue;
      }
    }
    const start = i;
    // Slack mentions (<@U1|name with spaces>) are one token even when the label has spaces.
    if (char === "<") {
      const end = find(">", i);
      if (end > i) {
        tokens.push({ value: source.slice(i, end + 1), start, end: end + 1, quoted: false });
        i = end + 1;
        continue;
      }
    }
    while (i < source.length && !SPACE.test(source[i] as string)) i++;
    tokens.push({ value: source.slice(start, i), start, end: i, quoted: false });
  }
  return tokens;
}

/** The source text covered by `tokens` (first to last), as typed. */
export function sourceOf(source: string, tokens: readonly Token[]): string {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  return first && last ? source.slice(first.start, last.end) : "";
}
