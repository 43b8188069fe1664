// `npm run postmortem -- <incident number> [--format md|json] [--out file] [--generated-at <ISO>]
// [--time-zone <IANA>] [--template <file>] [--locale en|ko] [--timeline <file>]`: the postmortem draft of an incident, rendered from
// the database given by DATABASE_URL (SQLite or PostgreSQL). It never calls Slack: people are
// named from the names the bot last learnt from Slack (kept in the database), else by ID.
//
// The draft is the same one the bot uploads for the same data and generation time. By default
// the generation time is the incident's close (what `/incident close` uploaded); a draft
// uploaded by `/incident postmortem` names its own `--generated-at` in its message.
// Exit status: 0 done, 1 no such incident, 2 bad arguments or template, 3 database problem.
import { existsSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { environmentSchema } from "../config.ts";
import { type Database, openDatabase } from "../db/client.ts";
import { DEFAULT_DATABASE_URL, providerOf, sqliteFilePath } from "../db/database-url.ts";
import type { Incident } from "../db/models.ts";
import { incidentByNumber, latestIncidentNumber } from "../db/queries/export-lookups.ts";
import { createStore } from "../db/repositories/store.ts";
import type { UpdateCadence } from "../domain/incident/update-cadence.ts";
import { LOCALES, type Locale } from "../domain/postmortem/locale/index.ts";
import { renderJson } from "../domain/postmortem/render.ts";
import type { Template } from "../domain/postmortem/template.ts";
import { cachedNames, type NameResolver } from "../services/postmortem/names.ts";
import { renderDraft } from "../services/postmortem/render-draft.ts";
import { postmortemTemplate, templateFileProblems } from "../services/postmortem/template-file.ts";

export const USAGE =
  "usage: npm run postmortem -- <incident number> [--format md|json] [--out <file>] [--generated-at <ISO 8601>] [--time-zone <IANA zone>] [--template <file>] [--locale en|ko] [--timeline <file.csv>]";

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  /** The current time, used only when the incident is not closed and no --generated-at is given. */
  now(): Date;
}

class UsageError extends Error {}

interface Options {
  number: number;
  format: "md" | "json";
  out: string | undefined;
  generatedAt: Date | undefined;
  timeZone: string | null;
  templatePath: string | undefined;
  locale: Locale;
  updateCadence: UpdateCadence;
  timelineOut: string | undefined;
  incidentPageUrl: (number: number) => string | null;
}

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: "string" },
        out: { type: "string" },
        "generated-at": { type: "string" },
        "time-zone": { type: "string" },
        template: { type: "string" },
        locale: { type: "string" },
        timeline: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) throw new UsageError("");
  if (positionals.length !== 1) throw new UsageError("give exactly one incident number, e.g. 42 or INC-42");
  const match = /^(?:inc-)?(\d{1,9})$/i.exec(String(positionals[0]));
  if (!match) throw new UsageError(`"${positionals[0]}" is not an incident number (e.g. 42 or INC-42)`);
  const out = values.out as string | undefined;
  const format =
    (values.format as string | undefined) ?? (out?.toLowerCase().endsWith(".json") ? "json" : "md");
  if (format !== "md" && format !== "json")
    throw new UsageError(`--format must be md or json, not "${format}"`);
  let generatedAt: Date | undefined;
  const at = values["generated-at"] as string | undefined;
  if (at !== undefined) {
    generatedAt = new Date(at);
    if (
      !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(at) ||
      Number.isNaN(generatedAt.getTime())
    )
      throw new UsageError(
        `--generated-at must be an ISO 8601 instant with its offset, e.g. 2023-03-09T12:00:00Z (not "${at}")`,
      );
  }
  const timeZone = ((values["time-zone"] as string | undefined) ?? env.DISPLAY_TIME_ZONE)?.trim() || null;
  if (timeZone && !validZone(timeZone))
    throw new UsageError(`"${timeZone}" is not an IANA time zone (e.g. Asia/Seoul)`);
  const templatePath =
    ((values.template as string | undefined) ?? env.POSTMORTEM_TEMPLATE)?.trim() || undefined;
  // The same variables, read the same way, as the bot that uploaded the draft.
  const locale = environmentSchema.shape.POSTMORTEM_LOCALE.safeParse(
    (values.locale as string | undefined) ?? (env.POSTMORTEM_LOCALE?.trim() || undefined),
  );
  if (!locale.success)
    throw new UsageError(`--locale (or POSTMORTEM_LOCALE) must be one of ${LOCALES.join(", ")}`);
  const cadence = environmentSchema.shape.REMINDER_CADENCE.safeParse(env.REMINDER_CADENCE);
  if (!cadence.success)
    throw new UsageError(`REMINDER_CADENCE: ${cadence.error.issues.map((i) => i.message).join("; ")}`);
  const baseUrl = environmentSchema.shape.APP_BASE_URL.safeParse(env.APP_BASE_URL?.trim() || undefined);
  if (!baseUrl.success) throw new UsageError("APP_BASE_URL must be an http(s) URL without query");
  // The link to the incident's page the bot puts in its drafts, by the bot's own rule
  // (src/services/incident-page-url.ts: APP_BASE_URL with Sign in with Slack configured).
  const pageBase =
    baseUrl.data && env.SLACK_CLIENT_ID?.trim() && env.SLACK_CLIENT_SECRET?.trim() ? baseUrl.data : undefined;
  return {
    number: Number(match[1]),
    incidentPageUrl: (number: number) => (pageBase ? `${pageBase}/incidents/${number}` : null),
    format,
    out,
    generatedAt,
    timeZone,
    templatePath,
    locale: locale.data,
    updateCadence: cadence.data,
    timelineOut: values.timeline as string | undefined,
  };
}

function loadTemplate(path: string | undefined): Template {
  if (path) {
    if (!existsSync(path)) throw new UsageError(`template ${path}: file not found`);
    const problems = templateFileProblems(path);
    if (problems.length) throw new UsageError(`the template is invalid:\n  - ${problems.join("\n  - ")}`);
  }
  return postmortemTemplate(path);
}

/** Counts how many people the cache could name, to say so. */
function countingNames(inner: NameResolver): { resolve: NameResolver; asked: number; named: number } {
  const counter = {
    asked: 0,
    named: 0,
    resolve: async (ids: string[]) => {
      const names = await inner(ids);
      counter.asked += ids.length;
      counter.named += names.size;
      return names;
    },
  };
  return counter;
}

export async function runPostmortemCli(argv: string[], io: CliIo): Promise<number> {
  let options: Options;
  let template: Template;
  try {
    options = parseOptions(argv, io.env);
    template = loadTemplate(options.templatePath);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`${error.message ? `postmortem: ${error.message}\n` : ""}${USAGE}\n`);
    return 2;
  }
  const databaseUrl = io.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  if (providerOf(databaseUrl) === "sqlite" && !existsSync(sqliteFilePath(databaseUrl))) {
    io.stderr(
      `postmortem: there is no database at ${sqliteFilePath(databaseUrl)}; set DATABASE_URL to the bot's database.\n`,
    );
    return 3;
  }
  let database: Database | undefined;
  try {
    database = await openDatabase(databaseUrl, { poolSize: 2 });
    const { db } = database;
    let incident: Incident | null;
    try {
      incident = await incidentByNumber(db, options.number);
    } catch (error) {
      io.stderr(
        `postmortem: cannot read incidents from the database (${(error as Error).message.split("\n")[0]}). Is DATABASE_URL the bot's database, migrated?\n`,
      );
      return 3;
    }
    if (!incident) {
      const last = await latestIncidentNumber(db);
      io.stderr(
        `postmortem: there is no INC-${options.number}${last !== null ? ` (the latest is INC-${last})` : " (the database has no incidents)"}.\n`,
      );
      return 1;
    }
    const generatedAt = options.generatedAt ?? incident.closedAt ?? io.now();
    const { read } = createStore(database);
    const names = countingNames(cachedNames(read.userNames));
    const draft = await renderDraft(read.views, incident, {
      generatedAt,
      displayTimeZone: options.timeZone,
      names: names.resolve,
      template,
      updateCadence: options.updateCadence,
      locale: options.locale,
      incidentPageUrl: options.incidentPageUrl(incident.number),
    });
    const output = options.format === "json" ? renderJson(draft.document) : draft.markdown;
    if (options.out) writeFileSync(options.out, output);
    else io.stdout(output);
    if (options.timelineOut) writeFileSync(options.timelineOut, draft.timeline.content);

    const notes = [
      `INC-${incident.number} generated as of ${generatedAt.toISOString()}${options.generatedAt ? "" : incident.closedAt ? " (its close: the draft the bot uploaded then)" : " (now)"}.`,
      names.asked === names.named
        ? `People are shown by the names the bot last learnt from Slack (${names.named} of ${names.asked}); the CLI never calls Slack.`
        : `The CLI never calls Slack: ${names.named} of ${names.asked} people are named from the bot's name cache, the other ${names.asked - names.named} are shown by Slack ID.`,
      ...(incident.isPrivate
        ? [`INC-${incident.number} is a private incident: share this draft only with its members.`]
        : []),
      ...(options.out
        ? [
            `Wrote ${options.format === "json" ? "JSON" : "Markdown"} (${Buffer.byteLength(output)} bytes) to ${options.out}.`,
          ]
        : []),
      ...(options.timelineOut
        ? [
            `Wrote the full timeline (${draft.timeline.filename} in Slack, ${Buffer.byteLength(draft.timeline.content)} bytes) to ${options.timelineOut}.`,
          ]
        : []),
    ];
    io.stderr(`${notes.join("\n")}\n`);
    return 0;
  } catch (error) {
    io.stderr(`postmortem: ${(error as Error).message}\n`);
    return /ECONNREFUSED|P1001|connect|database/i.test(String((error as Error).message)) ? 3 : 1;
  } finally {
    await database?.close().catch(() => {});
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (existsSync(".env")) process.loadEnvFile(".env");
  process.exitCode = await runPostmortemCli(process.argv.slice(2), {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    now: () => new Date(),
  });
}
