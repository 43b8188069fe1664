// Times on the internal pages: every instant in the viewer's zone (Slack's users.info tz, as
// the session carries it) and in UTC, since responders in four regions compare them.
import { DateTime } from "luxon";
import { formatInZone, formatUtc } from "../../domain/time/format.ts";

export interface ShownTime {
  iso: string;
  /** In the viewer's zone ("2026-03-09 15:21 KST"); the same as `utc` for a UTC viewer. */
  local: string;
  utc: string;
}

/** The viewer's zone when Slack gave a real one, else UTC. */
export function viewerZone(timeZone: string | undefined): string {
  if (!timeZone) return "UTC";
  return DateTime.now().setZone(timeZone).isValid ? timeZone : "UTC";
}

export function showTime(date: Date, zone: string): ShownTime {
  const utc = formatUtc(date, true);
  return { iso: date.toISOString(), local: zone === "UTC" ? utc : formatInZone(date, zone, true), utc };
}

/** What a datetime-local field shows for an instant, in the viewer's zone. */
export function localInputValue(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");
}
