// users.info reports tz_offset (seconds east of UTC, DST-aware) and tz_label; Slack computes
// them for "now", so do we, from the IANA zone.

const offsetFormats = new Map<string, Intl.DateTimeFormat>();
const labelFormats = new Map<string, Intl.DateTimeFormat>();

function format(cache: Map<string, Intl.DateTimeFormat>, tz: string, style: "longOffset" | "long") {
  let formatter = cache.get(tz);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: style });
    cache.set(tz, formatter);
  }
  return formatter;
}

/** Throws RangeError for a zone Intl does not know, so bad seeds fail where they are made. */
export function assertTimeZone(tz: string): void {
  format(offsetFormats, tz, "longOffset");
}

export function tzOffsetSeconds(tz: string, atMs: number): number {
  const part = format(offsetFormats, tz, "longOffset")
    .formatToParts(atMs)
    .find((p) => p.type === "timeZoneName")?.value;
  // "GMT", "GMT+05:30", "GMT-07:00"
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(part ?? "");
  if (!match) return 0;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60;
  return match[1] === "-" ? -seconds : seconds;
}

export function tzLabel(tz: string, atMs: number): string {
  return (
    format(labelFormats, tz, "long")
      .formatToParts(atMs)
      .find((p) => p.type === "timeZoneName")?.value ?? tz
  );
}
