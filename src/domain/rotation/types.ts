// A follow-the-sun rotation as the bot uses it, after the YAML file has been validated.
// Times are wall-clock minutes in each shift's own IANA zone; nothing here is an offset.

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Shift {
  name: string;
  /** IANA zone the wall-clock times are in (e.g. Asia/Seoul). */
  timeZone: string;
  /** Minutes after local midnight, 0–1439. */
  startMinute: number;
  /** Minutes after local midnight; at or before `startMinute` means the shift ends the next day. */
  endMinute: number;
  /** Local weekdays the shift starts on; null: every day. */
  days: Weekday[] | null;
  commander: string;
  deputies: string[];
  /** Workstream / region name → user ID (e.g. us1 → U…). */
  leads: Record<string, string>;
  /** User IDs (U…/W…) and user-group IDs (S…). */
  members: string[];
}

export interface Rotation {
  name: string;
  shifts: Shift[];
  promptBeforeMs: number;
  acceptWithinMs: number;
  /** A user (U…) or user group (S…) told when a handoff is not accepted in time. */
  escalateTo: string;
  maxShiftHours: number;
  /**
   * Who is paged when a handoff is still not accepted after the incoming holder was paged: a
   * pager team from PAGER_TARGETS_FILE or a Slack user ID (default: escalateTo, as a person or
   * the team whose slackGroup it is).
   */
  pager?: string;
}

/** The role a rotation fills in one scope: command of an incident, or the lead of a workstream. */
export type RotatingRole = { role: "commander" } | { role: "lead"; workstream: string };

export const DEFAULT_PROMPT_BEFORE_MS = 15 * 60_000;
export const DEFAULT_ACCEPT_WITHIN_MS = 10 * 60_000;
export const DEFAULT_MAX_SHIFT_HOURS = 12;
