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

/** "1h 30m", "45m", "2d 3h": compact and exact to the minute (seconds below a minute). */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? "-" : "";
  let rest = Math.abs(Math.round(ms / 1000));
  if (rest < 60) return `${sign}${rest}s`;
  rest = Math.round(rest / 60);
  const days = Math.floor(rest / 1440);
  const hours = Math.floor((rest % 1440) / 60);
  const minutes = rest % 60;
  const parts = [days ? `${days}d` : "", hours ? `${hours}h` : "", minutes ? `${minutes}m` : ""].filter(
    Boolean,
  );
  return sign + parts.join(" ");
}
