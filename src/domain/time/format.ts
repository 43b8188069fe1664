// Times as incident responders read them: UTC first, always labelled; a local zone beside it
// when the reader has one.
import { DateTime } from "luxon";

/** "06:21 UTC", or "2023-03-08 06:21 UTC" when `withDate`. */
export function formatUtc(date: Date, withDate = false): string {
  const iso = date.toISOString();
  return `${withDate ? `${iso.slice(0, 10)} ` : ""}${iso.slice(11, 16)} UTC`;
}

/** "15:21 KST" style, in an IANA zone; falls back to the zone name when it has no abbreviation. */
export function formatInZone(date: Date, zone: string, withDate = false): string {
  const local = DateTime.fromJSDate(date, { zone });
  if (!local.isValid) return formatUtc(date, withDate);
  const abbreviation = local.toFormat("ZZZZ");
  const label = /^[A-Z]{2,5}$/.test(abbreviation) ? abbreviation : local.toFormat("'UTC'ZZ");
  return `${withDate ? `${local.toFormat("yyyy-LL-dd")} ` : ""}${local.toFormat("HH:mm")} ${label}`;
}

/** True when the two instants fall on different UTC days. */
export function spansDays(first: Date, last: Date): boolean {
  return first.toISOString().slice(0, 10) !== last.toISOString().slice(0, 10);
}
