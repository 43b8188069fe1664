// `--at` values, as people type them in the middle of an outage:
//   HH:MM                 UTC, the most recent such time that is not in the future
//   YYYY-MM-DD HH:MM      UTC
//   ISO 8601 with offset  2023-03-08T06:21:00+09:00
//   -15m, -2h, -1h30m     relative to now
import { DateTime } from "luxon";
import { badInput } from "../errors.ts";
import { parseDuration } from "./duration.ts";

const DAY_MS = 86_400_000;
export const BACKDATE_LIMIT_MS = 7 * DAY_MS;

export const TIME_FORMATS_HELP =
  "`HH:MM` (UTC), `YYYY-MM-DD HH:MM` (UTC), ISO 8601 with an offset (`2023-03-08T06:21+09:00`) or relative (`-15m`, `-2h`)";

function invalid(text: string): never {
  throw badInput(
    `I can't read the time \`${text.replace(/[`<>&]/g, "").slice(0, 40)}\`. Use ${TIME_FORMATS_HELP}.`,
  );
}

/** The instant `text` names, relative to `now`. Throws bad_input for anything unreadable. */
export function parseTime(text: string, now: Date): Date {
  const value = text.trim();
  const hhmm = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (hhmm) {
    const [hours, minutes] = [Number(hhmm[1]), Number(hhmm[2])];
    if (hours > 23 || minutes > 59) invalid(value);
    const candidate = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hours, minutes);
    return new Date(candidate > now.getTime() ? candidate - DAY_MS : candidate);
  }
  const dateTime = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (dateTime) {
    const parsed = DateTime.fromObject(
      {
        year: Number(dateTime[1]),
        month: Number(dateTime[2]),
        day: Number(dateTime[3]),
        hour: Number(dateTime[4]),
        minute: Number(dateTime[5]),
        second: Number(dateTime[6] ?? 0),
      },
      { zone: "utc" },
    );
    if (!parsed.isValid) invalid(value);
    return parsed.toJSDate();
  }
  const relative = /^-\s*(.+)$/.exec(value);
  if (relative) {
    const ms = parseDuration(relative[1] as string);
    if (ms === undefined) invalid(value);
    return new Date(now.getTime() - ms);
  }
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}(:?\d{2})?)$/i.test(value)) {
    const parsed = DateTime.fromISO(value, { setZone: true });
    if (!parsed.isValid) invalid(value);
    return parsed.toJSDate();
  }
  return invalid(value);
}

/**
 * Checks a backdated time: not in the future, and not more than a week before the incident's
 * first recorded moment (a typo in the date, most likely).
 */
export function assertPlausibleTime(at: Date, now: Date, firstMoment: Date): void {
  if (at.getTime() > now.getTime()) {
    throw badInput(`That time (${at.toISOString().slice(0, 16).replace("T", " ")} UTC) is in the future.`);
  }
  if (at.getTime() < firstMoment.getTime() - BACKDATE_LIMIT_MS) {
    throw badInput(
      `That time (${at.toISOString().slice(0, 16).replace("T", " ")} UTC) is more than 7 days before this incident's first recorded moment; check the date.`,
    );
  }
}
