// The demo scenario file (demo/scenario.yml), as zod checks it. Each rule carries the message a
// person editing the file sees; load-scenario.ts adds the file, line and column, and then
// checks what zod cannot see alone (who and where each step refers to, time order).
import { IANAZone } from "luxon";
import { z } from "zod";

/** People, teams and channels are referred to by short keys: `haruto`, `sre-us1`, `ops-alerts`. */
export const KEY = /^[a-z][a-z0-9-]{0,39}$/;
const KEY_RULE = "must be 1–40 characters of a-z, 0-9 or - starting with a letter (e.g. sre-us1)";
const key = z.string({ error: KEY_RULE }).regex(KEY, KEY_RULE);

const USER_ID_RULE = "must be a Slack user ID like U0DEMO0001 (U and 8+ capitals or digits)";
const GROUP_ID_RULE = "must be a Slack user-group ID like S0DEMO0001 (S and 8+ capitals or digits)";

const timeZone = z
  .string({ error: "must be an IANA time zone like Europe/Dublin" })
  .refine((zone) => IANAZone.isValidZone(zone), "must be an IANA time zone like Europe/Dublin");

/** "d1 06:09": day 1 (the day `start` falls on) at 06:09 UTC; "d2 00:03" is the next day. */
export const DAY_TIME = /^d([1-9]\d?) ([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_TIME_RULE = 'must be "d<day> HH:MM" in UTC, like "d1 06:09" or "d2 00:03"';
const dayTime = z.string({ error: DAY_TIME_RULE }).regex(DAY_TIME, DAY_TIME_RULE);

const text = (what: string, max: number) =>
  z
    .string({ error: `must be ${what} (text)` })
    .trim()
    .min(1, `must not be empty (${what})`)
    .max(max, `is too long: at most ${max} characters (${what})`);

const personSchema = z.strictObject({
  /** Display name ("Haruto Sato"). */
  name: text("the person's full name", 80),
  tz: timeZone,
  /** Fixed Slack ID: needed when the rotations file names this person. */
  id: z
    .string({ error: USER_ID_RULE })
    .regex(/^U[A-Z0-9]{8,}$/, USER_ID_RULE)
    .optional(),
});

const teamSchema = z.strictObject({
  /** The Slack user group's ID (its handle is the team's key); absent: not a Slack user group. */
  usergroup: z
    .string({ error: GROUP_ID_RULE })
    .regex(/^S[A-Z0-9]{8,}$/, GROUP_ID_RULE)
    .optional(),
  /** Named people (keys of `people`). */
  members: z.array(key).default([]),
  /** How many more people to generate for this team ("<team>-001"…). */
  extra: z.number({ error: "must be a whole number" }).int().min(0).max(2000).default(0),
  /** Time zone of the generated people. */
  tz: timeZone.default("UTC"),
});

const channelSchema = z.strictObject({
  /** People or teams in the channel before the incident. */
  members: z.array(key).default([]),
});

const briefSchema = z.strictObject({
  currentState: text("current state", 3000),
  triedOrRuledOut: text("tried or ruled out", 3000),
  openActions: text("open actions and owners", 3000),
  risks: text("risks", 3000),
  nextCheckpoint: text("next checkpoint", 3000),
});

const closeSchema = z.strictObject({
  rootCause: text("root cause", 3000),
  customerImpact: text("customer impact", 3000),
  lessons: text("lessons", 3000),
});

/** What a step does: exactly one of these keys per step. */
export const ACTIONS = [
  "phase",
  "command",
  "say",
  "brief",
  "accept",
  "answerReminder",
  "join",
  "close",
  "tick",
] as const;
export type ActionName = (typeof ACTIONS)[number];

const stepSchema = z
  .strictObject({
    /** A heading in the progress list; takes no time. */
    phase: text("a phase title", 120).optional(),
    /** When the step happens (the simulated clock is moved there first). */
    at: dayTime.optional(),
    /** Who does it (a key of `people`). */
    as: key.optional(),
    /** Where: `incident` (the default), a workstream with its own channel (`us1`), or a key of `channels`. */
    in: key.optional(),
    /** `/incident <command>`; `@key` mentions a person or team. */
    command: text("the command after /incident", 3500).optional(),
    /**
     * With `command`: done with the controls instead of typed — the button on the channel's
     * pinned summary (or its ⋯ menu) and the form it opens, filled in with the command's values.
     */
    byForm: z.literal(true, { error: "must be true" }).optional(),
    /** A message a person writes in the channel. */
    say: text("the message", 3500).optional(),
    /** With `say`: who reacts with 📌 to pin it to the timeline. */
    pin: key.optional(),
    /** The outgoing holder presses "Write handoff" on the open handoff and submits this brief. */
    brief: briefSchema.optional(),
    /** The incoming holder presses "Accept command" in their direct messages. */
    accept: z.literal(true, { error: "must be true" }).optional(),
    /** Someone presses "Post update" on the latest update reminder and submits this text. */
    answerReminder: text("the update", 3000).optional(),
    /** People of a team press "Join" on the incident's announcement. */
    join: z.strictObject({ team: key, count: z.number().int().positive().max(2000) }).optional(),
    /** `/incident close`, then the close form with these answers. */
    close: closeSchema.optional(),
    /** Only moves the clock (what the bot does on its own then: reminders, handoff prompts…). */
    tick: text("what happens", 200).optional(),
  })
  .superRefine((step, ctx) => {
    const present = ACTIONS.filter((name) => step[name] !== undefined);
    if (present.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message:
          present.length === 0
            ? `needs one action: ${ACTIONS.join(", ")}`
            : `has ${present.join(" and ")}: give one action per step`,
      });
      return;
    }
    const action = present[0] as ActionName;
    if (action === "phase") return;
    if (step.at === undefined) ctx.addIssue({ code: "custom", path: ["at"], message: "is required" });
    const needsPerson = action !== "tick" && action !== "join";
    if (needsPerson && step.as === undefined)
      ctx.addIssue({ code: "custom", path: ["as"], message: `is required: who does the ${action}` });
    if (!needsPerson && step.as !== undefined)
      ctx.addIssue({ code: "custom", path: ["as"], message: `does not go with ${action}` });
    const placed = action === "command" || action === "say" || action === "brief" || action === "close";
    if (!placed && step.in !== undefined)
      ctx.addIssue({ code: "custom", path: ["in"], message: `does not go with ${action}` });
    if (step.byForm !== undefined && action !== "command")
      ctx.addIssue({ code: "custom", path: ["byForm"], message: "goes with `command` (the form does it)" });
    if (step.pin !== undefined && action !== "say")
      ctx.addIssue({ code: "custom", path: ["pin"], message: "goes with `say` (a message to pin)" });
  });

export const scenarioSchema = z.strictObject({
  title: text("the scenario's title", 200),
  /** Where the simulated clock starts (ISO 8601 with offset). */
  start: z.iso.datetime({ offset: true, error: "must be an ISO 8601 instant like 2026-03-04T06:00:00Z" }),
  /** Rotations file, relative to the scenario file. */
  rotationsFile: text("a file name", 300),
  /** DISPLAY_TIME_ZONE: shown beside UTC in the postmortem. */
  displayTimeZone: timeZone,
  /** INCIDENT_ADMINS: people or teams (with a user group) who may do what commanders do. */
  admins: z.array(key).default([]),
  /** The channel where incidents are announced (the bot is not a member). */
  announceChannel: key,
  people: z.record(key, personSchema),
  teams: z.record(key, teamSchema).default({}),
  channels: z.record(key, channelSchema).default({}),
  steps: z.array(stepSchema).min(1, "needs at least one step"),
});

export type ScenarioFile = z.output<typeof scenarioSchema>;
export type ScenarioStepInput = ScenarioFile["steps"][number];
export type Brief = z.output<typeof briefSchema>;
export type CloseAnswers = z.output<typeof closeSchema>;
