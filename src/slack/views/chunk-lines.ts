import { LIMITS } from "./limits.ts";

/**
 * Groups lines into section texts that stay under Slack's limit, never splitting a line, and
 * at most `maxChunks` of them (the last says how many lines did not fit).
 */
export function chunkLines(
  lines: string[],
  title: string,
  maxChunks: number,
  limit: number = LIMITS.sectionText - 100,
): string[] {
  const chunks: string[] = [];
  let current = title;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (current.length + line.length + 1 > limit) {
      if (chunks.length + 1 >= maxChunks) {
        chunks.push(`${current}\n…and ${lines.length - i} more`);
        return chunks;
      }
      chunks.push(current);
      current = "";
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) chunks.push(current);
  return chunks;
}
