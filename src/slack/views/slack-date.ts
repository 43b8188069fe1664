// Times in Slack messages as `<!date^…>` tokens: Slack shows each reader the time in their own
// zone, and the fallback (clients that cannot, notifications, the API) is the time in UTC.
import { formatUtc } from "../../domain/time/format.ts";

/** `<!date^1678255380^{date_short} {time}|2023-03-08 06:03 UTC>`: the reader's zone, UTC as fallback. */
export function slackDate(at: Date, withDate = false): string {
  const unix = Math.floor(at.getTime() / 1000);
  return `<!date^${unix}^${withDate ? "{date_short} {time}" : "{time}"}|${formatUtc(at, withDate)}>`;
}

/** "06:03 UTC — 15:03 in your zone" (for the person who typed the time). */
export function utcAndYours(at: Date, withDate = false): string {
  return `${formatUtc(at, withDate)} — ${slackDate(at, withDate)} in your zone`;
}
