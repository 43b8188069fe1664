// The rotations file, as zod checks it: every field's rule and the message a person sees when
// it is broken (the loader adds the file, line and column).
import { IANAZone } from "luxon";
import { z } from "zod";
import { parseDuration } from "../time/duration.ts";
import {
  DEFAULT_ACCEPT_WITHIN_MS,
  DEFAULT_MAX_SHIFT_HOURS,
  DEFAULT_PROMPT_BEFORE_MS,
  type Rotation,
  type Shift,
  WEEKDAYS,
  type Weekday,
} from "./types.ts";

/** Rotation, shift and workstream names are typed in commands: one lowercase word. */
export const ROTATION_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const NAME_RULE = "must be 1–40 characters of a-z, 0-9, - or _ (e.g. follow-the-sun)";

const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const GROUP_ID = /^S[A-Z0-9]{2,}$/;
const USER_RULE = "must be a Slack user ID like U012AB3CD (not a name or @mention)";
const MEMBER_RULE = "must be a Slack user ID (U…) or user-group ID (S…)";
const TIME_RULE = "must be HH:MM (24-hour, e.g. 08:00)";

const text = (rule: string) => z.string({ error: rule });

const name = text(NAME_RULE).regex(ROTATION_NAME, NAME_RULE);
const userId = text(USER_RULE).regex(USER_ID, USER_RULE);
const memberId = text(MEMBER_RULE).refine((id) => USER_ID.test(id) || GROUP_ID.test(id), MEMBER_RULE);

/** "08:00" → 480. "24:00" is accepted as an end: midnight at the end of the day. */
const wallClock = (allowEndOfDay: boolean) =>
  text(TIME_RULE)
    .regex(allowEndOfDay ? /^(([01]?\d|2[0-3]):[0-5]\d|24:00)$/ : /^([01]?\d|2[0-3]):[0-5]\d$/, TIME_RULE)
    .transform((value) => {
      const [hours, minutes] = value.split(":").map(Number) as [number, number];
      return (hours * 60 + minutes) % 1440;
    });

const timeZone = text("must be an IANA time zone like Europe/Dublin").refine(
  (zone) => IANAZone.isValidZone(zone),
  "must be an IANA time zone like Europe/Dublin, Asia/Seoul or America/New_York",
);

const DAY_NAMES: Record<string, Weekday> = Object.fromEntries(
  WEEKDAYS.flatMap((day, i) => {
    const full = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"][i] as string;
    return [
      [day, day],
      [full, day],
    ];
  }),
);
const DAYS_RULE = `must be days of the week (${WEEKDAYS.join(", ")})`;
const day = text(DAYS_RULE)
  .transform((value) => value.trim().toLowerCase())
  .refine((value) => value in DAY_NAMES, DAYS_RULE)
  .transform((value) => DAY_NAMES[value] as Weekday);

const duration = (defaultMs: number, minMs: number, maxMs: number, example: string) => {
  const rule = `must be a duration from ${describe(minMs)} to ${describe(maxMs)}, like ${example}`;
  return text(rule)
    .refine((value) => {
      const ms = parseDuration(value);
      return ms !== undefined && ms >= minMs && ms <= maxMs;
    }, rule)
    .transform((value) => parseDuration(value) as number)
    .optional()
    .transform((ms) => ms ?? defaultMs);
};

function describe(ms: number): string {
  return ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : `${ms / 60_000}m`;
}

const shiftSchema = z
  .strictObject({
    name,
    timeZone,
    start: wallClock(false),
    end: wallClock(true),
    days: z
      .array(day, { error: DAYS_RULE })
      .min(1, "lists no days; leave `days` out for every day")
      .optional(),
    commander: userId,
    deputies: z.array(userId, { error: "must be a list of user IDs" }).default([]),
    leads: z
      .record(
        text("must be a workstream or region name").regex(
          ROTATION_NAME,
          "must be a workstream or region name like us1 or ingestion",
        ),
        userId,
        { error: "must map workstream or region names to user IDs (us1: U012AB3CD)" },
      )
      .default({}),
    members: z.array(memberId, { error: "must be a list of user or user-group IDs" }).default([]),
  })
  .transform(
    (s): Shift => ({
      name: s.name,
      timeZone: s.timeZone,
      startMinute: s.start,
      endMinute: s.end,
      days: s.days ? [...new Set(s.days)] : null,
      commander: s.commander,
      deputies: s.deputies,
      leads: s.leads,
      members: s.members,
    }),
  );

const rotationSchema = z
  .strictObject({
    name,
    promptBefore: duration(DEFAULT_PROMPT_BEFORE_MS, 60_000, 12 * 3_600_000, "15m"),
    acceptWithin: duration(DEFAULT_ACCEPT_WITHIN_MS, 60_000, 12 * 3_600_000, "10m"),
    escalateTo: memberId,
    pager: text("must be a pager team name from PAGER_TARGETS_FILE, or a Slack user ID")
      .trim()
      .min(1, "must not be empty")
      .optional(),
    maxShiftHours: z
      .number({ error: "must be a number of hours, like 12" })
      .positive("must be more than 0")
      .max(168, "must be at most 168 (a week)")
      .default(DEFAULT_MAX_SHIFT_HOURS),
    shifts: z.array(shiftSchema, { error: "must be a list of shifts" }).min(1, "needs at least one shift"),
  })
  .superRefine((rotation, ctx) => {
    const seen = new Set<string>();
    rotation.shifts.forEach((shift, i) => {
      if (seen.has(shift.name))
        ctx.addIssue({
          code: "custom",
          path: ["shifts", i, "name"],
          message: `"${shift.name}" is used twice`,
        });
      seen.add(shift.name);
    });
  })
  .transform(
    (r): Rotation => ({
      name: r.name,
      shifts: r.shifts,
      promptBeforeMs: r.promptBefore,
      acceptWithinMs: r.acceptWithin,
      escalateTo: r.escalateTo,
      maxShiftHours: r.maxShiftHours,
      ...(r.pager ? { pager: r.pager } : {}),
    }),
  );

export const rotationsFileSchema = z
  .strictObject({
    rotations: z.array(rotationSchema, { error: "must be a list of rotations" }).min(1, "lists no rotations"),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.rotations.forEach((rotation, i) => {
      if (seen.has(rotation.name))
        ctx.addIssue({
          code: "custom",
          path: ["rotations", i, "name"],
          message: `"${rotation.name}" is used twice`,
        });
      seen.add(rotation.name);
    });
  });
