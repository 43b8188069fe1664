// The bot's whole configuration: one zod schema over the environment. Invalid or missing
// settings are reported all at once, each with what is wrong and a valid example, and never
// with the value of a secret.
import { existsSync, readFileSync } from "node:fs";
import cron from "node-cron";
import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "./db/database-url.ts";
import { parsePagerTargetsFile } from "./domain/paging/parse-targets-file.ts";
import { NO_TARGETS, type PagerTargets } from "./domain/paging/targets.ts";
import { LOCALES, type Locale } from "./domain/postmortem/locale/index.ts";
import { parseDuration } from "./domain/time/duration.ts";
import { templateFileProblems } from "./services/postmortem/template-file.ts";

const SLACK_API_URL = "https://slack.com/api/";
const PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";
const OPSGENIE_API_URL = "https://api.opsgenie.com";
const STATUSPAGE_API_URL = "https://api.statuspage.io/v1";
const SLACK_OPENID_URL = "https://slack.com";

interface VariableDoc {
  example: string;
  help: string;
}

/** What each variable is for and a valid example; used by problem reports, .env.example and README. */
export const VARIABLES: Record<string, VariableDoc> = {
  SLACK_BOT_TOKEN: {
    example: "xoxb-1234-5678-abcdef",
    help: "Bot User OAuth Token (Slack app settings → OAuth & Permissions → Install to Workspace)",
  },
  SLACK_SIGNING_SECRET: {
    example: "8f742231b10e8888abcd99yyyzzz85a5",
    help: "Signing Secret (Slack app settings → Basic Information → App Credentials); required in HTTP mode",
  },
  SLACK_APP_TOKEN: {
    example: "xapp-1-A0123-4567-abcdef",
    help: "App-Level Token with connections:write (Basic Information → App-Level Tokens); set it to use Socket Mode",
  },
  SLACK_API_URL: {
    example: SLACK_API_URL,
    help: "Slack Web API base URL (tests point it at a local emulator)",
  },
  SLACK_PACING: {
    example: "auto",
    help: "auto | slack-tiers | off: pace Slack calls to Slack's rate-limit tiers (auto: on with the system clock, off with a simulated one)",
  },
  SLACK_CALLS_IN_TRANSACTION: {
    example: "warn",
    help: "warn | refuse: what a Slack call made while a database transaction is open gets (tests refuse)",
  },
  DATABASE_URL: {
    example: DEFAULT_DATABASE_URL,
    help: "file:<path> for embedded SQLite, or postgresql://user@host:5432/db for PostgreSQL",
  },
  DATABASE_PREPARED_STATEMENTS: {
    example: "on",
    help: "on | off: PostgreSQL only; off behind a pooler in transaction mode that does not keep prepared statements (PgBouncer before 1.21, or max_prepared_statements = 0)",
  },
  PORT: { example: "3000", help: "HTTP port for /slack/events and /healthz" },
  LOG_LEVEL: { example: "info", help: "trace | debug | info | warn | error | fatal" },
  LOG_FORMAT: { example: "auto", help: "json | pretty | auto (pretty on a terminal, JSON lines otherwise)" },
  INCIDENT_ANNOUNCE_CHANNEL: {
    example: "C0123456789",
    help: "Channel ID where incidents are announced and status updates mirrored (empty: no announcements)",
  },
  INCIDENT_ADMINS: {
    example: "U0123456789,S0123456789",
    help: "User and user-group IDs allowed to do what commanders do",
  },
  COMMANDER_ONLY_ACTIONS: {
    example: "deescalate,resolve,close,reopen,commander",
    help: 'What only the commander or an admin may do (any of: deescalate, resolve, close, reopen, commander; "none" for nothing)',
  },
  INCIDENT_LEADERSHIP_GROUP: {
    example: "S0123456789",
    help: "User group notified in the announcement channel on escalation to SEV1/SEV2",
  },
  REMINDER_CADENCE: {
    example: "SEV1=30m,SEV2=60m,SEV3=4h,SEV4=off",
    help: "How long without a status update before the bot reminds, per severity",
  },
  TIMELINE_PIN_EMOJI: { example: "pushpin", help: "Reaction that pins a message to the timeline" },
  DISPLAY_TIME_ZONE: {
    example: "Asia/Seoul",
    help: "IANA time zone shown beside UTC in postmortems (empty: UTC only)",
  },
  ROTATIONS_FILE: { example: "rotations.example.yml", help: "YAML file of follow-the-sun rotations" },
  POSTMORTEM_TEMPLATE: {
    example: "postmortem-template.md",
    help: "Markdown template replacing the built-in one",
  },
  POSTMORTEM_CANVAS: { example: "false", help: "Also create a Slack canvas with the postmortem draft" },
  POSTMORTEM_LOCALE: { example: "en", help: "Language of the postmortem draft: en (default) or ko (Korean)" },
  ARCHIVE_ON_CLOSE: { example: "false", help: "Archive the incident channel when the incident closes" },
  LONG_DUTY_HOURS: {
    example: "12",
    help: "Hours in a role before its holder is nudged to hand over, for roles with no rotation (off: never)",
  },
  INCIDENT_BOT_CLOCK: {
    example: "system",
    help: "system | simulated (demos and drills; refused in production)",
  },
  INCIDENT_BOT_SIM_START: {
    example: "2023-03-08T06:00:00Z",
    help: "Start of the simulated clock (default: now)",
  },
  DATA_RETENTION: {
    example: "14d",
    help: "How long handled-request records and delivered outbox messages are kept (at least 1d; default 14d)",
  },
  SCHEDULER_CRON: {
    example: "*/15 * * * * *",
    help: "node-cron expression for how often scheduled jobs are checked (seconds field allowed)",
  },
  SHUTDOWN_TIMEOUT: {
    example: "25s",
    help: "How long SIGTERM/SIGINT may take to finish deliveries in flight before the process exits 1 anyway",
  },
  SHUTDOWN_DRAIN_DELAY: {
    example: "0s",
    help: "After SIGTERM, keep serving this long with /readyz failing so a load balancer stops routing here first",
  },
  STATUS_PAGE_CACHE: {
    example: "5s",
    help: "How long one read of the public status page serves every viewer, and caches in front may keep it (0 or off: each view reads)",
  },
  READY_OUTBOX_STUCK_AFTER: {
    example: "5m",
    help: "/readyz fails when the oldest pending outbox message has waited longer than this (0 or off: never)",
  },
  METRICS_TOKEN: {
    example: "a-long-random-string",
    help: "When set, GET /metrics requires Authorization: Bearer <this> (empty: /metrics is open)",
  },
  PAGERDUTY_ROUTING_KEY: {
    example: "0123456789abcdef0123456789abcdef",
    help: "PagerDuty Events API v2 integration key used when a team or person has none of its own (empty: PagerDuty off unless the targets file has keys)",
  },
  PAGERDUTY_EVENTS_URL: {
    example: PAGERDUTY_EVENTS_URL,
    help: "PagerDuty Events API v2 enqueue endpoint (tests point it at a local emulator)",
  },
  OPSGENIE_API_KEY: {
    example: "01234567-89ab-cdef-0123-456789abcdef",
    help: "Opsgenie API integration key (GenieKey) that may create, acknowledge and close alerts (empty: Opsgenie off)",
  },
  OPSGENIE_API_URL: {
    example: OPSGENIE_API_URL,
    help: "Opsgenie API base URL (https://api.eu.opsgenie.com for the EU instance; tests point it at an emulator)",
  },
  PAGE_WEBHOOK_URL: {
    example: "https://pager.example.com/hooks/incident-bot",
    help: "URL that receives every page as a signed JSON POST (empty: webhook off)",
  },
  PAGE_WEBHOOK_SECRET: {
    example: "a-long-random-string",
    help: "Secret for the webhook's X-Incident-Bot-Signature: v1=hex HMAC-SHA256 of <timestamp>.<body> with this secret",
  },
  PAGER_TARGETS_FILE: {
    example: "pager-targets.example.yml",
    help: "YAML file of pager teams (routing keys, Opsgenie teams), people's emails and the leadership target",
  },
  PAGE_ON_SEV: {
    example: "1,2",
    help: "Severities whose declaration or escalation pages the targets file's leadership target (default off)",
  },
  STATUSPAGE_API_KEY: {
    example: "0123456789abcdef0123456789abcdef",
    help: "Atlassian Statuspage API key: published incidents' public updates and board states go there (empty: off)",
  },
  STATUSPAGE_PAGE_ID: {
    example: "kctbh9vrtdwd",
    help: "The Statuspage page the incidents and components are written to (needed with STATUSPAGE_API_KEY)",
  },
  STATUSPAGE_API_URL: {
    example: STATUSPAGE_API_URL,
    help: "Statuspage REST API base URL (tests point it at a local emulator)",
  },
  STATUSPAGE_COMPONENTS: {
    example: "checkout=8kbf7d35c070,payments=vtnh60py4yd7",
    help: "Board service → existing Statuspage component id; other services get a component of their own name (found or created)",
  },
  APP_BASE_URL: {
    example: "https://incident-bot.example.com",
    help: "Public URL of the bot: Sign in with Slack's redirect URL, links to the incident pages and the status feed's links",
  },
  SLACK_CLIENT_ID: {
    example: "2141029472.691202649728",
    help: "Client ID (Basic Information → App Credentials): turns on Sign in with Slack for the internal incident pages",
  },
  SLACK_CLIENT_SECRET: {
    example: "e1b9e11dfcd19c1982d5de12921e17e8c",
    help: "Client Secret (Basic Information → App Credentials), needed with SLACK_CLIENT_ID",
  },
  WEB_SESSION_SECRET: {
    example: "at-least-32-random-characters-0123456789",
    help: "Key that signs sign-in cookies (32+ characters; empty: derived from SLACK_CLIENT_SECRET with HKDF)",
  },
  SLACK_OPENID_URL: {
    example: SLACK_OPENID_URL,
    help: "Sign in with Slack's issuer: where /openid/connect/authorize and the signing keys are (tests point it at a local emulator)",
  },
};

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const booleanFlag = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === "") return false;
    if (["1", "true", "yes", "on"].includes(value)) return true;
    if (["0", "false", "no", "off"].includes(value)) return false;
    ctx.addIssue({ code: "custom", message: "must be true or false" });
    return z.NEVER;
  });

const slackIdList = (prefixes: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const ids = (value ?? "")
        .split(/[\s,]+/)
        .map((id) => id.trim())
        .filter(Boolean);
      const bad = ids.filter((id) => !new RegExp(`^[${prefixes}][A-Z0-9]{2,}$`).test(id));
      if (bad.length) {
        ctx.addIssue({ code: "custom", message: `not Slack IDs: ${bad.join(", ")}` });
        return z.NEVER;
      }
      return ids;
    });

export const RESTRICTABLE_ACTIONS = ["deescalate", "resolve", "close", "reopen", "commander"] as const;
export type RestrictableAction = (typeof RESTRICTABLE_ACTIONS)[number];

const commanderOnlyActions = z
  .string()
  .optional()
  .transform((value, ctx): RestrictableAction[] => {
    const text = value?.trim();
    if (!text) return [...RESTRICTABLE_ACTIONS];
    if (text === "none") return [];
    const actions = text.split(/[\s,]+/).filter(Boolean);
    const unknown = actions.filter((a) => !(RESTRICTABLE_ACTIONS as readonly string[]).includes(a));
    if (unknown.length) {
      ctx.addIssue({ code: "custom", message: `unknown actions: ${unknown.join(", ")}` });
      return z.NEVER;
    }
    return actions as RestrictableAction[];
  });

export type ReminderCadence = Record<1 | 2 | 3 | 4, number | null>;
const DEFAULT_CADENCE = "SEV1=30m,SEV2=60m,SEV3=4h,SEV4=off";

const reminderCadence = z
  .string()
  .optional()
  .transform((value, ctx): ReminderCadence => {
    const cadence: ReminderCadence = { 1: 30 * 60_000, 2: 60 * 60_000, 3: 4 * 3600_000, 4: null };
    const text = value?.trim() || DEFAULT_CADENCE;
    for (const part of text.split(",")) {
      const match = /^\s*SEV([1-4])\s*=\s*(\S+)\s*$/i.exec(part);
      const duration = match?.[2] === "off" ? null : match?.[2] ? parseDuration(match[2]) : undefined;
      if (!match || duration === undefined) {
        ctx.addIssue({ code: "custom", message: `cannot read "${part.trim()}"` });
        return z.NEVER;
      }
      cadence[Number(match[1]) as 1 | 2 | 3 | 4] = duration;
    }
    return cadence;
  });

/** Slack retries a request for minutes at most; a day is far beyond any replay we answer. */
export const MIN_RETENTION_MS = 86_400_000;
const DEFAULT_RETENTION = "14d";

const retention = z
  .string()
  .optional()
  .transform((value, ctx): number => {
    const ms = parseDuration(value?.trim() || DEFAULT_RETENTION);
    if (ms === undefined) {
      ctx.addIssue({ code: "custom", message: "must be a duration such as 14d or 36h" });
      return z.NEVER;
    }
    if (ms < MIN_RETENTION_MS) {
      ctx.addIssue({ code: "custom", message: "must be at least 1d (requests may be replayed until then)" });
      return z.NEVER;
    }
    return ms;
  });

const isoInstant = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return undefined;
    const date = new Date(value);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "must be an ISO 8601 instant" });
      return z.NEVER;
    }
    return date;
  });

const timeZone = optionalString.refine(
  (zone) => {
    if (!zone) return true;
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { message: "must be an IANA time zone" },
);

/** A duration ("25s", "5m"); "0" or "off" (when `allowOff`) becomes null. */
const duration = (fallback: string, allowOff = false) =>
  z
    .string()
    .trim()
    .default(fallback)
    .transform((value, ctx): number | null => {
      const text = value || fallback;
      if (allowOff && (text === "0" || text === "off")) return null;
      const ms = parseDuration(text);
      if (allowOff && ms === 0) return null;
      if (ms === undefined || ms <= 0) {
        ctx.addIssue({ code: "custom", message: "must be a duration like 30s, 5m or 1h" });
        return z.NEVER;
      }
      return ms;
    });

const existingFile = optionalString.refine((path) => !path || existsSync(path), {
  message: "file not found",
});

/** The pager targets file, read at start-up; problems name file:line:col and never a key. */
function readPagerTargets(path: string) {
  return parsePagerTargetsFile(readFileSync(path, "utf8"), path);
}

export const environmentSchema = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: "is missing" })
    .trim()
    .min(1, "is missing")
    .refine((v) => v.startsWith("xoxb-"), "must be a bot token starting with xoxb-"),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString.refine((v) => !v || v.startsWith("xapp-"), "must start with xapp-"),
  SLACK_API_URL: z
    .url({ message: "must be a URL" })
    .default(SLACK_API_URL)
    .transform((url) => (url.endsWith("/") ? url : `${url}/`)),
  SLACK_CALLS_IN_TRANSACTION: z.enum(["warn", "refuse"]).default("warn"),
  SLACK_PACING: z.enum(["auto", "slack-tiers", "off"]).default("auto"),
  DATABASE_URL: z
    .string()
    .trim()
    .default(DEFAULT_DATABASE_URL)
    .transform((v) => v || DEFAULT_DATABASE_URL)
    .refine((v) => /^(file:.+|postgres(ql)?:\/\/.+)$/.test(v), "must start with file: or postgresql://"),
  DATABASE_PREPARED_STATEMENTS: z.enum(["on", "off"]).default("on"),
  PORT: z.coerce.number({ error: "must be a port number" }).int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal"]).default("info"),
  LOG_FORMAT: z.enum(["json", "pretty", "auto"]).default("auto"),
  NODE_ENV: optionalString,
  INCIDENT_ANNOUNCE_CHANNEL: optionalString.refine((v) => !v || /^[CG][A-Z0-9]{2,}$/.test(v), {
    message: "must be a channel ID (C… or G…), not a name",
  }),
  INCIDENT_ADMINS: slackIdList("US"),
  COMMANDER_ONLY_ACTIONS: commanderOnlyActions,
  INCIDENT_LEADERSHIP_GROUP: optionalString.refine((v) => !v || /^S[A-Z0-9]{2,}$/.test(v), {
    message: "must be a user-group ID (S…)",
  }),
  REMINDER_CADENCE: reminderCadence,
  TIMELINE_PIN_EMOJI: z
    .string()
    .trim()
    .default("pushpin")
    .transform((v) => v.replace(/^:|:$/g, "") || "pushpin"),
  DISPLAY_TIME_ZONE: timeZone,
  ROTATIONS_FILE: existingFile,
  POSTMORTEM_TEMPLATE: existingFile.superRefine((path, ctx) => {
    if (!path || !existsSync(path)) return;
    for (const message of templateFileProblems(path)) ctx.addIssue({ code: "custom", message });
  }),
  POSTMORTEM_CANVAS: booleanFlag,
  POSTMORTEM_LOCALE: z.enum(LOCALES).default("en"),
  ARCHIVE_ON_CLOSE: booleanFlag,
  LONG_DUTY_HOURS: z
    .string()
    .trim()
    .default("12")
    .refine((v) => v === "off" || (/^\d+(\.\d+)?$/.test(v) && Number(v) >= 1 && Number(v) <= 168), {
      message: "must be a number of hours from 1 to 168, or off",
    })
    .transform((v) => (v === "off" ? null : Number(v))),
  INCIDENT_BOT_CLOCK: z.enum(["system", "simulated"]).default("system"),
  INCIDENT_BOT_SIM_START: isoInstant,
  DATA_RETENTION: retention,
  SCHEDULER_CRON: z
    .string()
    .trim()
    .default("*/15 * * * * *")
    .refine((expression) => cron.validate(expression), "is not a valid cron expression"),
  SHUTDOWN_TIMEOUT: duration("25s"),
  SHUTDOWN_DRAIN_DELAY: duration("0s", true),
  READY_OUTBOX_STUCK_AFTER: duration("5m", true),
  STATUS_PAGE_CACHE: duration("5s", true),
  METRICS_TOKEN: optionalString,
  PAGERDUTY_ROUTING_KEY: optionalString,
  PAGERDUTY_EVENTS_URL: z.url({ message: "must be a URL" }).default(PAGERDUTY_EVENTS_URL),
  OPSGENIE_API_KEY: optionalString,
  OPSGENIE_API_URL: z
    .url({ message: "must be a URL" })
    .default(OPSGENIE_API_URL)
    .transform((url) => url.replace(/\/+$/, "")),
  PAGE_WEBHOOK_URL: optionalString.refine((v) => !v || /^https?:\/\/\S+$/.test(v), "must be an http(s) URL"),
  PAGE_WEBHOOK_SECRET: optionalString,
  PAGER_TARGETS_FILE: existingFile.superRefine((path, ctx) => {
    if (!path || !existsSync(path)) return;
    for (const message of readPagerTargets(path).problems) ctx.addIssue({ code: "custom", message });
  }),
  STATUSPAGE_API_KEY: optionalString,
  STATUSPAGE_PAGE_ID: optionalString.refine(
    (v) => !v || /^[A-Za-z0-9_-]{1,64}$/.test(v),
    "must be a page id",
  ),
  STATUSPAGE_API_URL: z
    .url({ message: "must be a URL" })
    .default(STATUSPAGE_API_URL)
    .transform((url) => url.replace(/\/+$/, "")),
  STATUSPAGE_COMPONENTS: z
    .string()
    .trim()
    .default("")
    .transform((value, ctx): Record<string, string> => {
      const mapping: Record<string, string> = {};
      for (const pair of value.split(/[\s,]+/).filter(Boolean)) {
        const match = /^([a-z0-9][a-z0-9._-]{0,39})=([A-Za-z0-9_-]{1,64})$/.exec(pair);
        if (!match) {
          ctx.addIssue({ code: "custom", message: `has "${pair}": each entry must be service=component_id` });
          return z.NEVER;
        }
        mapping[match[1] as string] = match[2] as string;
      }
      return mapping;
    }),
  APP_BASE_URL: optionalString
    .refine(
      (v) => !v || /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(v),
      "must be an http(s) URL without query",
    )
    .transform((v) => v?.replace(/\/+$/, "")),
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  WEB_SESSION_SECRET: optionalString.refine((v) => !v || v.length >= 32, "must be at least 32 characters"),
  SLACK_OPENID_URL: z
    .url({ message: "must be a URL" })
    .default(SLACK_OPENID_URL)
    .transform((url) => url.replace(/\/+$/, "")),
  PAGE_ON_SEV: z
    .string()
    .trim()
    .default("off")
    .transform((value, ctx): Array<1 | 2 | 3 | 4> => {
      if (!value || value === "off") return [];
      const parts = value.split(/[\s,]+/).map((p) => p.replace(/^sev/i, ""));
      if (parts.some((p) => !/^[1-4]$/.test(p))) {
        ctx.addIssue({ code: "custom", message: 'must be "off" or severities such as 1 or 1,2' });
        return z.NEVER;
      }
      return [...new Set(parts.map((p) => Number(p) as 1 | 2 | 3 | 4))];
    }),
});

/**
 * Checks that involve two variables. Run on the raw environment, so they are reported
 * together with every other problem (zod skips object-level checks when a field fails).
 */
function crossFieldProblems(env: NodeJS.ProcessEnv): z.core.$ZodIssue[] {
  const issues: z.core.$ZodIssue[] = [];
  const set = (name: string) => Boolean(env[name]?.trim());
  if (!set("SLACK_APP_TOKEN") && !set("SLACK_SIGNING_SECRET")) {
    issues.push({
      code: "custom",
      path: ["SLACK_SIGNING_SECRET"],
      message: "is missing (needed in HTTP mode; or set SLACK_APP_TOKEN for Socket Mode)",
      input: undefined,
    });
  }
  if (set("PAGE_WEBHOOK_URL") && !set("PAGE_WEBHOOK_SECRET")) {
    issues.push({
      code: "custom",
      path: ["PAGE_WEBHOOK_SECRET"],
      message: "is missing (the webhook's receivers verify every page with it)",
      input: undefined,
    });
  }
  if (set("STATUSPAGE_API_KEY") !== set("STATUSPAGE_PAGE_ID")) {
    issues.push({
      code: "custom",
      path: [set("STATUSPAGE_API_KEY") ? "STATUSPAGE_PAGE_ID" : "STATUSPAGE_API_KEY"],
      message: "is missing (Statuspage publishing needs both the API key and the page id)",
      input: undefined,
    });
  }
  if (set("SLACK_CLIENT_ID") !== set("SLACK_CLIENT_SECRET")) {
    issues.push({
      code: "custom",
      path: [set("SLACK_CLIENT_ID") ? "SLACK_CLIENT_SECRET" : "SLACK_CLIENT_ID"],
      message: "is missing (Sign in with Slack needs both the client id and the client secret)",
      input: undefined,
    });
  }
  if (set("SLACK_CLIENT_ID") && !set("APP_BASE_URL")) {
    issues.push({
      code: "custom",
      path: ["APP_BASE_URL"],
      message: "is missing (Sign in with Slack sends people back to <APP_BASE_URL>/auth/slack/callback)",
      input: undefined,
    });
  }
  if (env.INCIDENT_BOT_CLOCK?.trim() === "simulated" && env.NODE_ENV?.trim() === "production") {
    issues.push({
      code: "custom",
      path: ["INCIDENT_BOT_CLOCK"],
      message: "simulated is refused when NODE_ENV=production",
      input: undefined,
    });
  }
  return issues;
}

export type Environment = z.output<typeof environmentSchema>;

export interface Config {
  slack: {
    botToken: string;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string;
    socketMode: boolean;
    /** A Slack call while a transaction is open: logged (production) or refused (tests). */
    callsInTransaction: "warn" | "refuse";
    /**
     * Pace outbox calls to Slack's rate-limit tiers (src/slack/pacing). Off with a simulated
     * clock unless asked for: time stands still there, so no budget would ever refill.
     */
    pacing: boolean;
  };
  databaseUrl: string;
  /** PostgreSQL: the bot's statements as named prepared statements (src/db/pg-statements.ts). */
  databasePreparedStatements: boolean;
  port: number;
  log: { level: Environment["LOG_LEVEL"]; format: Environment["LOG_FORMAT"] };
  production: boolean;
  incidents: {
    announceChannel: string | undefined;
    admins: string[];
    commanderOnly: RestrictableAction[];
    leadershipGroup: string | undefined;
    reminderCadence: ReminderCadence;
    pinEmoji: string;
    displayTimeZone: string | undefined;
    rotationsFile: string | undefined;
    postmortemTemplate: string | undefined;
    postmortemCanvas: boolean;
    /** The postmortem draft's language. */
    postmortemLocale: Locale;
    archiveOnClose: boolean;
    /** Hours before a role holder with no rotation is nudged to hand over; null: never. */
    longDutyHours: number | null;
  };
  clock: { mode: "system" | "simulated"; simStart: Date | undefined };
  schedulerCron: string;
  /** How long handled requests and delivered outbox messages are kept (ms). */
  retentionMs: number;
  operations: {
    /** Longest a graceful stop may take before the process exits 1 (ms). */
    shutdownTimeoutMs: number;
    /** How long a stopping bot keeps serving (not ready) before it closes its receiver (ms). */
    shutdownDrainDelayMs: number;
    /** Oldest pending outbox age beyond which /readyz fails (ms); null: never. */
    outboxStuckAfterMs: number | null;
    /** Bearer token /metrics requires; undefined: open. */
    metricsToken: string | undefined;
    /** How long one status page read serves every view (ms); null: each view reads. */
    statusPageCacheMs: number | null;
  };
  /** Pagers outside Slack (issue 14); each undefined when not configured. Secrets: never log. */
  paging: {
    pagerduty: { routingKey: string | undefined; eventsUrl: string };
    opsgenie: { apiKey: string; apiUrl: string } | undefined;
    webhook: { url: string; secret: string } | undefined;
    targetsFile: string | undefined;
    /** Teams, people and the leadership target from the targets file (empty without one). */
    targets: PagerTargets;
    /** Severities whose declaration or escalation pages the leadership target. */
    pageOnSeverities: Array<1 | 2 | 3 | 4>;
  };
  /** Atlassian Statuspage publishing (issue 13 item 4); undefined when off. The key: never log. */
  statuspage: StatuspageConfig | undefined;
  /** The bot's public URL without a trailing slash (APP_BASE_URL), when known. */
  appBaseUrl: string | undefined;
  /** Sign in with Slack for the internal pages (issue 13 item 3); undefined when off. Secrets: never log. */
  signIn: SignInConfig | undefined;
}

export interface SignInConfig {
  clientId: string;
  clientSecret: string;
  /** Where people come back to: `${APP_BASE_URL}/auth/slack/callback`. */
  redirectUri: string;
  /** The issuer (https://slack.com): authorize page, signing keys and the id_token's `iss`. */
  openIdUrl: string;
  /** WEB_SESSION_SECRET when set; otherwise the session key is derived from the client secret. */
  sessionSecret: string | undefined;
}

export interface StatuspageConfig {
  apiKey: string;
  pageId: string;
  apiUrl: string;
  /** Board service → Statuspage component id, for components that exist already. */
  components: Record<string, string>;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** One line per problem: which variable, what is wrong, a valid example. Never a secret's value. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const variable = String(issue.path[0] ?? "environment");
  const doc = VARIABLES[variable];
  const example = doc ? ` (e.g. ${variable}=${doc.example}; ${doc.help})` : "";
  return `${variable} ${issue.message}${example}`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  const issues = [...(parsed.success ? [] : parsed.error.issues), ...crossFieldProblems(env)];
  if (issues.length || !parsed.success) throw new ConfigError(issues.map(describeIssue));
  const e = parsed.data;
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      socketMode: Boolean(e.SLACK_APP_TOKEN),
      callsInTransaction: e.SLACK_CALLS_IN_TRANSACTION,
      pacing:
        e.SLACK_PACING === "slack-tiers" || (e.SLACK_PACING === "auto" && e.INCIDENT_BOT_CLOCK === "system"),
    },
    databaseUrl: e.DATABASE_URL,
    databasePreparedStatements: e.DATABASE_PREPARED_STATEMENTS === "on",
    port: e.PORT,
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
    production: e.NODE_ENV === "production",
    incidents: {
      announceChannel: e.INCIDENT_ANNOUNCE_CHANNEL,
      admins: e.INCIDENT_ADMINS,
      commanderOnly: e.COMMANDER_ONLY_ACTIONS,
      leadershipGroup: e.INCIDENT_LEADERSHIP_GROUP,
      reminderCadence: e.REMINDER_CADENCE,
      pinEmoji: e.TIMELINE_PIN_EMOJI,
      displayTimeZone: e.DISPLAY_TIME_ZONE,
      rotationsFile: e.ROTATIONS_FILE,
      postmortemTemplate: e.POSTMORTEM_TEMPLATE,
      postmortemCanvas: e.POSTMORTEM_CANVAS,
      postmortemLocale: e.POSTMORTEM_LOCALE,
      archiveOnClose: e.ARCHIVE_ON_CLOSE,
      longDutyHours: e.LONG_DUTY_HOURS,
    },
    clock: { mode: e.INCIDENT_BOT_CLOCK, simStart: e.INCIDENT_BOT_SIM_START },
    schedulerCron: e.SCHEDULER_CRON,
    retentionMs: e.DATA_RETENTION,
    operations: {
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT ?? 25_000,
      shutdownDrainDelayMs: e.SHUTDOWN_DRAIN_DELAY ?? 0,
      outboxStuckAfterMs: e.READY_OUTBOX_STUCK_AFTER,
      metricsToken: e.METRICS_TOKEN,
      statusPageCacheMs: e.STATUS_PAGE_CACHE,
    },
    paging: {
      pagerduty: { routingKey: e.PAGERDUTY_ROUTING_KEY, eventsUrl: e.PAGERDUTY_EVENTS_URL },
      opsgenie: e.OPSGENIE_API_KEY ? { apiKey: e.OPSGENIE_API_KEY, apiUrl: e.OPSGENIE_API_URL } : undefined,
      webhook:
        e.PAGE_WEBHOOK_URL && e.PAGE_WEBHOOK_SECRET
          ? { url: e.PAGE_WEBHOOK_URL, secret: e.PAGE_WEBHOOK_SECRET }
          : undefined,
      targetsFile: e.PAGER_TARGETS_FILE,
      targets: e.PAGER_TARGETS_FILE ? readPagerTargets(e.PAGER_TARGETS_FILE).targets : NO_TARGETS,
      pageOnSeverities: e.PAGE_ON_SEV,
    },
    statuspage:
      e.STATUSPAGE_API_KEY && e.STATUSPAGE_PAGE_ID
        ? {
            apiKey: e.STATUSPAGE_API_KEY,
            pageId: e.STATUSPAGE_PAGE_ID,
            apiUrl: e.STATUSPAGE_API_URL,
            components: e.STATUSPAGE_COMPONENTS,
          }
        : undefined,
    appBaseUrl: e.APP_BASE_URL,
    signIn:
      e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.APP_BASE_URL
        ? {
            clientId: e.SLACK_CLIENT_ID,
            clientSecret: e.SLACK_CLIENT_SECRET,
            redirectUri: `${e.APP_BASE_URL}/auth/slack/callback`,
            openIdUrl: e.SLACK_OPENID_URL,
            sessionSecret: e.WEB_SESSION_SECRET,
          }
        : undefined,
  };
}
