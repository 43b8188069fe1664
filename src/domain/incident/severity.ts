// Severity: SEV1 (critical) … SEV4 (minor). Lower number = worse.
import { badInput } from "../errors.ts";

export type Severity = 1 | 2 | 3 | 4;
export const SEVERITY_VALUES: readonly Severity[] = [1, 2, 3, 4];

export const SEVERITY_NAMES: Record<Severity, string> = {
  1: "critical",
  2: "major",
  3: "moderate",
  4: "minor",
};
const SEVERITY_EMOJI: Record<Severity, string> = {
  1: ":red_circle:",
  2: ":large_orange_circle:",
  3: ":large_yellow_circle:",
  4: ":white_circle:",
};

export function severityLabel(severity: Severity): string {
  return `SEV${severity} (${SEVERITY_NAMES[severity]})`;
}

export function severityBadge(severity: Severity): string {
  return `${SEVERITY_EMOJI[severity]} SEV${severity}`;
}

/** "1", "sev1", "SEV-1", "s1", "critical" → 1. */
export function parseSeverity(text: string): Severity {
  const normalised = text.trim().toLowerCase();
  const byName = (Object.entries(SEVERITY_NAMES) as [string, string][]).find(
    ([, name]) => name === normalised,
  );
  const match = /^(?:sev|s)?[-\s]?([1-4])$/.exec(normalised);
  const value = byName ? Number(byName[0]) : match ? Number(match[1]) : Number.NaN;
  if (!SEVERITY_VALUES.includes(value as Severity)) {
    throw badInput("Severity must be 1 to 4 (SEV1 critical, SEV2 major, SEV3 moderate, SEV4 minor).");
  }
  return value as Severity;
}

export function isSeverity(value: number): value is Severity {
  return SEVERITY_VALUES.includes(value as Severity);
}

/** True when `to` is more severe than `from` (an escalation). */
export function isEscalation(from: Severity, to: Severity): boolean {
  return to < from;
}
