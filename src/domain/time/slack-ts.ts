// Slack message timestamps ("1772949600.000200") are the message's own time, in seconds and
// microseconds since the epoch. A pinned message lands in the timeline at that time.

/** The instant a Slack `ts` names (millisecond precision), or null when it is not a ts. */
export function dateOfSlackTs(ts: string): Date | null {
  const match = /^(\d{1,12})(?:\.(\d{1,6}))?$/.exec(ts.trim());
  if (!match) return null;
  const micros = Number((match[2] ?? "").padEnd(6, "0"));
  return new Date(Number(match[1]) * 1000 + Math.floor(micros / 1000));
}
