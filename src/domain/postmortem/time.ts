// Times in the draft: UTC always (with the date when the incident spans days), and the
// configured display zone beside it.
import { formatInZone, formatUtc } from "../time/format.ts";

export function utc(at: string, showDates: boolean): string {
  return formatUtc(new Date(at), showDates);
}

/** The same time in `zone` (formatInZone: its lookups are kept per zone and quarter hour). */
export function local(at: string, zone: string, showDates: boolean): string {
  return formatInZone(new Date(at), zone, showDates);
}
