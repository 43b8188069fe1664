// Durations as people type them: "90s", "15m", "2h", "1d", "1h30m".
const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Milliseconds in a duration like "1h30m", or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (!/^(\d+(ms|min|s|m|h|d))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+)(ms|min|s|m|h|d)/g)) {
    total += Number(amount) * (UNIT_MS[unit as string] ?? 0);
  }
  return total;
}

export interface DurationUnits {
  day: string;
  hour: string;
  minute: string;
  second: string;
  joiner: string;
}

const ENGLISH_UNITS: DurationUnits = { day: "d", hour: "h", minute: "m", second: "s", joiner: " " };

/**
 * "1h 30m", "45m", "2d 3h": compact and exact to the minute (seconds below a minute). Other
 * units give the same numbers in another language ("1일 3시간 38분").
 */
export function formatDuration(ms: number, units: DurationUnits = ENGLISH_UNITS): string {
  const sign = ms < 0 ? "-" : "";
  let rest = Math.abs(Math.round(ms / 1000));
  if (rest < 60) return `${sign}${rest}${units.second}`;
  rest = Math.round(rest / 60);
  const days = Math.floor(rest / 1440);
  const hours = Math.floor((rest % 1440) / 60);
  const minutes = rest % 60;
  const parts = [
    days ? `${days}${units.day}` : "",
    hours ? `${hours}${units.hour}` : "",
    minutes ? `${minutes}${units.minute}` : "",
  ].filter(Boolean);
  return sign + parts.join(units.joiner);
}

/** What an incident's duration is measured from: the times every surface reads. */
export interface IncidentTimes {
  createdAt: Date;
  resolvedAt: Date | null;
  closedAt: Date | null;
  milestones: readonly { name: string; occurredAt: Date }[];
}

export interface IncidentSpan {
  start: Date;
  /** Impact start when recorded (it may be backdated), else the declaration. */
  startSource: "impact-started" | "declared";
  /** Resolution, else closure; null while neither happened (the span runs to `now`). */
  end: Date | null;
  endSource: "resolved" | "closed" | null;
  ms: number;
}

/**
 * The one definition of how long an incident lasted: from impact start (else the declaration)
 * to resolution (else closure, else `now`). The pinned summary, the postmortem draft and its
 * message all measure with it, so they agree to the minute.
 */
export function incidentSpan(times: IncidentTimes, now: Date): IncidentSpan {
  const milestone = (name: string) => times.milestones.find((m) => m.name === name)?.occurredAt ?? null;
  const impact = milestone("impact-started");
  const start = impact ?? milestone("declared") ?? times.createdAt;
  const resolved = milestone("resolved") ?? times.resolvedAt;
  const closed = milestone("closed") ?? times.closedAt;
  const end = resolved ?? closed;
  return {
    start,
    startSource: impact ? "impact-started" : "declared",
    end,
    endSource: resolved ? "resolved" : closed ? "closed" : null,
    ms: Math.max(0, (end ?? now).getTime() - start.getTime()),
  };
}

/** "1d 3h 38m from impact start to resolution", or "2h 5m since the declaration" while open. */
export function describeIncidentSpan(span: IncidentSpan): string {
  const from = span.startSource === "impact-started" ? "impact start" : "declaration";
  if (!span.endSource)
    return `${formatDuration(span.ms)} since ${from === "declaration" ? "the declaration" : from}`;
  return `${formatDuration(span.ms)} from ${from} to ${span.endSource === "resolved" ? "resolution" : "closure"}`;
}
