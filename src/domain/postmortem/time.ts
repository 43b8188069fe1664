// Times in the draft: UTC always (with the date when the incident spans days), and the
// configured display zone beside it.
import { DateTime } from "luxon";
import { formatUtc } from "../time/format.ts";

export function utc(at: string, showDates: boolean): string {
  return formatUtc(new Date(at), showDates);
}

/**
 * Zone offsets only change on quarter-hour boundaries, so one zone lookup per quarter hour is
 * exact; asking the time-zone database for each of 20,000 timeline rows takes over a second.
 */
const BUCKET_MS = 15 * 60_000;

/** Formats instants in `zone` exactly like `formatInZone` ("15:21 KST", "2023-03-08 15:21 UTC+09:00"). */
export function zoneFormatter(zone: string): (at: string, withDate: boolean) => string {
  const buckets = new Map<number, { offsetMs: number; label: string } | null>();
  return (at, withDate) => {
    const ms = Date.parse(at);
    const key = Math.floor(ms / BUCKET_MS);
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      if (buckets.size > 100_000) buckets.clear();
      const start = DateTime.fromMillis(key * BUCKET_MS, { zone });
      const abbreviation = start.isValid ? start.toFormat("ZZZZ") : "";
      bucket = start.isValid
        ? {
            offsetMs: start.offset * 60_000,
            label: /^[A-Z]{2,5}$/.test(abbreviation) ? abbreviation : start.toFormat("'UTC'ZZ"),
          }
        : null;
      buckets.set(key, bucket);
    }
    if (!bucket) return formatUtc(new Date(ms), withDate);
    const shifted = new Date(ms + bucket.offsetMs).toISOString();
    return `${withDate ? `${shifted.slice(0, 10)} ` : ""}${shifted.slice(11, 16)} ${bucket.label}`;
  };
}

const formatters = new Map<string, (at: string, withDate: boolean) => string>();

/** The same time in `zone`. Formatters (and their caches) are kept per zone, bounded. */
export function local(at: string, zone: string, showDates: boolean): string {
  let format = formatters.get(zone);
  if (!format) {
    if (formatters.size > 16) formatters.clear();
    format = zoneFormatter(zone);
    formatters.set(zone, format);
  }
  return format(at, showDates);
}
