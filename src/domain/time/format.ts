// Times as incident responders read them: UTC first, always labelled; a local zone beside it
// when the reader has one.
import { DateTime } from "luxon";

/** "06:21 UTC", or "2023-03-08 06:21 UTC" when `withDate`. */
export function formatUtc(date: Date, withDate = false): string {
  const iso = date.toISOString();
  return `${withDate ? `${iso.slice(0, 10)} ` : ""}${iso.slice(11, 16)} UTC`;
}

/**
 * Asking luxon for each instant costs about 80 µs (it builds an Intl formatter for the
 * abbreviation every time): over a second for a 20,000-entry postmortem, and 12 ms of each
 * incident page view for its 150 or so times. A zone's offset and abbreviation change a few
 * times a year at most, so they are looked up once per quarter hour: at its first and last
 * millisecond, and when both agree (no change within it) every instant of the quarter reads the
 * same. A quarter hour in which they change (a daylight-saving change, which in some zones falls
 * at one minute past the hour) is asked about instant by instant.
 */
const BUCKET_MS = 15 * 60_000;
/** Quarter hours kept per zone (about 100 days), then forgotten all at once. */
const BUCKETS_KEPT = 10_000;

interface Reading {
  offsetMs: number;
  label: string;
}

/** The offset and label luxon gives for an instant in `zone`; null when the zone is not one. */
function readZone(ms: number, zone: string): Reading | null {
  const at = DateTime.fromMillis(ms, { zone });
  if (!at.isValid) return null;
  const abbreviation = at.toFormat("ZZZZ");
  return {
    offsetMs: at.offset * 60_000,
    // A zone without an abbreviation (most outside the Americas and Europe) by its offset.
    label: /^[A-Z]{2,5}$/.test(abbreviation) ? abbreviation : at.toFormat("'UTC'ZZ"),
  };
}

/** Formats instants (epoch milliseconds) in `zone` as formatInZone does; lookups kept per quarter hour. */
export function zoneFormatter(zone: string): (ms: number, withDate: boolean) => string {
  // Per quarter hour: its reading when the whole quarter reads alike, "changes" when it does not.
  const buckets = new Map<number, Reading | "changes" | null>();
  return (ms, withDate) => {
    const key = Math.floor(ms / BUCKET_MS);
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      if (buckets.size >= BUCKETS_KEPT) buckets.clear();
      const first = readZone(key * BUCKET_MS, zone);
      const last = first && readZone((key + 1) * BUCKET_MS - 1, zone);
      bucket =
        first && last && (first.offsetMs !== last.offsetMs || first.label !== last.label) ? "changes" : first;
      buckets.set(key, bucket);
    }
    const reading = bucket === "changes" ? readZone(ms, zone) : bucket;
    if (!reading) return formatUtc(new Date(ms), withDate);
    const shifted = new Date(ms + reading.offsetMs).toISOString();
    return `${withDate ? `${shifted.slice(0, 10)} ` : ""}${shifted.slice(11, 16)} ${reading.label}`;
  };
}

/** Formatters per zone asked for (readers' zones, the display zone, rotations' zones): bounded. */
const ZONES_KEPT = 64;
const formatters = new Map<string, (ms: number, withDate: boolean) => string>();

/**
 * "15:21 KST" style, in an IANA zone; by its offset ("15:21 UTC+09:00") when the zone has no
 * abbreviation; as UTC when the zone is not one.
 */
export function formatInZone(date: Date, zone: string, withDate = false): string {
  let format = formatters.get(zone);
  if (!format) {
    if (formatters.size >= ZONES_KEPT) formatters.clear();
    format = zoneFormatter(zone);
    formatters.set(zone, format);
  }
  return format(date.getTime(), withDate);
}

/** True when the two instants fall on different UTC days. */
export function spansDays(first: Date, last: Date): boolean {
  return first.toISOString().slice(0, 10) !== last.toISOString().slice(0, 10);
}
