// `--at` values, as people type them in the middle of an outage:
//   HH:MM                 in the typist's own time zone (their Slack profile), the most recent
//                         such time that is not in the future
//   YYYY-MM-DD HH:MM      in the typist's own time zone
//   either with UTC, Z or an offset (`09:15 UTC`, `09:15Z`, `2023-03-08 06:21+09:00`): as said
//   ISO 8601 with offset  2023-03-08T06:21:00+09:00
//   -15m, -2h, -1h30m     relative to now
import { DateTime, FixedOffsetZone, IANAZone, type Zone } from "luxon";
import { badInput } from "../errors.ts";
import { parseDuration } from "./duration.ts";

const DAY_MS = 86_400_000;
export const BACKDATE_LIMIT_MS = 7 * DAY_MS;

export const TIME_FORMATS_HELP =
  "`HH:MM` or `YYYY-MM-DD HH:MM` (in your Slack time zone; add `UTC` or an offset such as `+09:00` to say otherwise), ISO 8601 with an offset (`2023-03-08T06:21+09:00`) or relative (`-15m`, `-2h`)";

function invalid(text: string): never {
  throw badInput(
    `I can't read the time \`${text.replace(/[`<>&]/g, "").slice(0, 40)}\`. Use ${TIME_FORMATS_HELP}.`,
  );
}

/** A clock time or a date and clock time, optionally followed by UTC, Z, GMT or an offset. */
const WALL_CLOCK =
  /^(?:(\d{4})-(\d{2})-(\d{2})[ T])?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

/** The zone a suffix names (UTC or a fixed offset), or the typist's own when there is none. */
function zoneOf(suffix: string | undefined, typistZone: string): Zone {
  if (!suffix) {
    const zone = IANAZone.create(typistZone);
    return zone.isValid ? zone : FixedOffsetZone.utcInstance;
  }
  if (/^(Z|UTC|GMT)$/i.test(suffix)) return FixedOffsetZone.utcInstance;
  const [, sign, hours, minutes] = /^([+-])(\d{2}):?(\d{2})?$/.exec(suffix) ?? [];
  const offset = (Number(hours) * 60 + Number(minutes ?? 0)) * (sign === "-" ? -1 : 1);
  return FixedOffsetZone.instance(offset);
}

/**
 * The instant `text` names, relative to `now`, reading a time without a zone in `typistZone`
 * (an IANA zone, the typist's Slack profile; UTC by default). Throws bad_input for anything
 * unreadable.
 */
export function parseTime(text: string, now: Date, typistZone = "UTC"): Date {
  const value = text.trim();
  const wall = WALL_CLOCK.exec(value);
  if (wall) {
    const [, year, month, day, h, m, sec, suffix] = wall;
    const [hour, minute, second] = [Number(h), Number(m), Number(sec ?? 0)];
    if (hour > 23 || minute > 59 || second > 59) invalid(value);
    const zone = zoneOf(suffix, typistZone);
    if (year) {
      const parsed = DateTime.fromObject(
        { year: Number(year), month: Number(month), day: Number(day), hour, minute, second },
        { zone },
      );
      if (!parsed.isValid) invalid(value);
      return parsed.toJSDate();
    }
    const today = DateTime.fromJSDate(now, { zone }).set({ hour, minute, second, millisecond: 0 });
    return (today.toMillis() > now.getTime() ? today.minus({ days: 1 }) : today).toJSDate();
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
 * The field a form's time belongs to: a refused time names it, so a form shows the refusal
 * under its "When did this happen?" input (typed commands ignore fields).
 */
export const AT_FIELD = "when";

/**
 * Checks a backdated time: not in the future, and not more than a week before the incident's
 * first recorded moment (a typo in the date, most likely).
 */
export function assertPlausibleTime(at: Date, now: Date, firstMoment: Date): void {
  if (at.getTime() > now.getTime()) {
    throw badInput(
      `That time (${at.toISOString().slice(0, 16).replace("T", " ")} UTC) is in the future.`,
      AT_FIELD,
    );
  }
  if (at.getTime() < firstMoment.getTime() - BACKDATE_LIMIT_MS) {
    throw badInput(
      `That time (${at.toISOString().slice(0, 16).replace("T", " ")} UTC) is more than 7 days before this incident's first recorded moment; check the date.`,
      AT_FIELD,
    );
  }
}
