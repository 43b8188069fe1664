// `npm run timeline -- <incident number> [--format md|json|csv] [--out file]`: an incident's
// whole timeline from the database (SQLite or PostgreSQL), without Slack: people are named from
// the names the bot last learnt, else by ID. Works while Slack is down.
// Exit status: 0 done, 1 no such incident, 2 bad arguments, 3 database problem.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { incidentByNumber, workstreamNamesOf } from "../db/queries/export-lookups.ts";
import { readTimeline } from "../db/queries/timeline.ts";
import { createStore } from "../db/repositories/store.ts";
import { type ExportFormat, exportTimeline } from "../domain/timeline/export.ts";
import { cachedNames } from "../services/postmortem/names.ts";
import { openDatabaseForCli } from "./open-database.ts";

const USAGE = "usage: npm run timeline -- <incident number> [--format md|json|csv] [--out <file>]";

function fail(message: string, code: number): never {
  process.stderr.write(`timeline: ${message}\n${code === 2 ? `${USAGE}\n` : ""}`);
  process.exit(code);
}

let options: { number: number; format: ExportFormat; out: string | undefined };
try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { format: { type: "string" }, out: { type: "string" } },
  });
  const match = /^(?:inc-)?(\d{1,9})$/i.exec(positionals[0] ?? "");
  if (positionals.length !== 1 || !match) fail("give one incident number, e.g. 42 or INC-42", 2);
  const format = values.format ?? (values.out?.match(/\.(json|csv)$/i)?.[1]?.toLowerCase() || "md");
  if (!["md", "json", "csv"].includes(format)) fail(`--format must be md, json or csv (not "${format}")`, 2);
  options = { number: Number(match[1]), format: format as ExportFormat, out: values.out };
} catch (error) {
  fail((error as Error).message, 2);
}

const database = await openDatabaseForCli();
try {
  const { db } = database;
  const incident = await incidentByNumber(db, options.number);
  if (!incident) fail(`there is no INC-${options.number}`, 1);
  const [entries, workstreamName] = await Promise.all([
    readTimeline(db, incident.id),
    workstreamNamesOf(db, incident.id),
  ]);
  const people = [...new Set(entries.flatMap((e) => (e.actorId ? [e.actorId] : [])))];
  const names = await cachedNames(createStore(database).read.userNames)(people);
  const output = exportTimeline(
    { number: incident.number, title: incident.title, isPrivate: incident.isPrivate },
    entries.map((e) => ({
      ...e,
      workstream: e.workstreamId ? (workstreamName.get(e.workstreamId) ?? null) : null,
    })),
    (id) => names.get(id) ?? id,
    options.format,
  );
  if (options.out) writeFileSync(options.out, output);
  else process.stdout.write(output);
  process.stderr.write(
    `INC-${incident.number}: ${entries.length} entries${options.out ? ` written to ${options.out}` : ""}.${incident.isPrivate ? " Private incident: share only with its members." : ""}\n`,
  );
} finally {
  await database.close();
}
