// Reads demo/scenario.yml: YAML syntax, the zod schema (scenario-schema.ts), then what the
// schema cannot check alone: every person, team, channel and workstream a step names exists,
// `@mentions` resolve, times never go backwards, the rotations file is valid and names only
// people of the scenario. Every problem is reported at once as "<file>:<line>:<col> <path>:
// <message>", so a typo in a long scenario is found without running it.
import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { parseCommand } from "../src/domain/command/dispatch.ts";
import { DomainError } from "../src/domain/errors.ts";
import { parseRotationsFile } from "../src/domain/rotation/parse-file.ts";
import type { Rotation } from "../src/domain/rotation/types.ts";
import {
  formatYamlPath as formatPath,
  locateInYaml,
  type YamlPath as Path,
} from "../src/domain/text/yaml-location.ts";
import { ALL_VERBS } from "../src/slack/listeners/commands/index.ts";
import { formRefusal } from "./form-steps.ts";
import {
  ACTIONS,
  type ActionName,
  type Brief,
  type CloseAnswers,
  DAY_TIME,
  type ScenarioFile,
  scenarioSchema,
} from "./scenario-schema.ts";

export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      `The demo scenario ${file} has ${problems.length === 1 ? "a problem" : `${problems.length} problems`}:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "ScenarioError";
  }
}

export interface ScenarioPerson {
  key: string;
  id: string;
  /** Slack username (the key, or "<team>-007" for generated people). */
  name: string;
  realName: string;
  tz: string;
}

export interface ScenarioTeam {
  key: string;
  usergroupId: string | undefined;
  /** Everyone in the team, named people first, then the generated ones. */
  members: ScenarioPerson[];
}

export type StepAction =
  | { kind: "phase"; title: string }
  /** `text` as Slack delivers it (mentions as <@U…>, &<> escaped); `typed` as in the file. */
  /** `byForm`: done with the controls and their form (demo/form-steps.ts), not typed. */
  | { kind: "command"; text: string; typed: string; byForm?: true }
  | { kind: "say"; text: string; typed: string; pinBy: ScenarioPerson | undefined }
  | { kind: "brief"; brief: Brief }
  | { kind: "accept" }
  | { kind: "answerReminder"; text: string }
  | { kind: "join"; team: ScenarioTeam; count: number }
  | { kind: "close"; answers: CloseAnswers }
  | { kind: "tick"; what: string };

export interface ScenarioStep {
  /** 1-based position in `steps`. */
  number: number;
  /** Line of the step in the file. */
  line: number;
  /** When it happens; a phase takes the time of the step before it. */
  at: Date;
  as: ScenarioPerson | undefined;
  /** `incident`, a workstream name, or a channel key; undefined for clicks that find their own place. */
  in: string | undefined;
  action: StepAction;
}

export interface Scenario {
  file: string;
  title: string;
  start: Date;
  rotationsFile: string;
  rotations: Rotation[];
  displayTimeZone: string;
  admins: string[];
  announceChannel: string;
  people: Map<string, ScenarioPerson>;
  teams: Map<string, ScenarioTeam>;
  /** Seeded channels: key → member IDs. */
  channels: Map<string, string[]>;
  /** Workstreams given their own channel by a `workstream add … --channel` command. */
  workstreamChannels: Set<string>;
  steps: ScenarioStep[];
  /** Everyone, named and generated. */
  everyone: ScenarioPerson[];
}

type Doc = ReturnType<typeof parseDocument>;
const locate = locateInYaml;

function zodProblems(doc: Doc, error: z.ZodError, at: (offset: number) => string): string[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => {
        const where = locate(doc, issue.path, key);
        return `${at(where.offset)} ${formatPath([...issue.path, key])}: is not a known setting (check the spelling; see the comments at the top of demo/scenario.yml)`;
      });
    }
    const where = locate(doc, issue.path);
    const message = !where.exact && issue.code === "invalid_type" ? "is required" : issue.message;
    return [`${at(where.offset)} ${formatPath(issue.path) || "(top level)"}: ${message}`];
  });
}

/** A path relative to the working directory when it is inside it, else absolute. */
function displayPath(path: string): string {
  const fromHere = relative(process.cwd(), resolve(path));
  return fromHere && !fromHere.startsWith("..") ? fromHere : resolve(path);
}

/** "d2 00:03" → the instant, counting days from the UTC date of `start`. */
export function dayTimeToDate(start: Date, value: string): Date {
  const match = DAY_TIME.exec(value);
  if (!match) throw new Error(`not a day time: ${value}`);
  const midnight = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  return new Date(
    midnight + (Number(match[1]) - 1) * 86_400_000 + Number(match[2]) * 3_600_000 + Number(match[3]) * 60_000,
  );
}

/** Slack escapes &, < and > in what people type; mentions arrive as <@U…> / <!subteam^S…|@handle>. */
function escapeTyped(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const MENTION = /(^|[\s(,;:])@([a-z][a-z0-9-]{0,39})\b/g;

/** A workstream named in `workstream add <name> … --channel` gets a channel steps can be `in`. */
const WORKSTREAM_WITH_CHANNEL = /^\s*(?:workstream|ws)\s+add\s+([a-z0-9][a-z0-9_-]*)\b(?=.*\s--channel\b)/i;

export function loadScenario(path: string): Scenario {
  const file = displayPath(path);
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch (error) {
    throw new ScenarioError(file, [`cannot read the file: ${(error as Error).message}`]);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length)
    throw new ScenarioError(
      file,
      doc.errors.map((e) => `${at(e.pos[0])} YAML: ${e.message.split("\n")[0]}`),
    );
  const parsed = scenarioSchema.safeParse(doc.toJS({ maxAliasCount: 100 }) ?? undefined);
  if (!parsed.success) throw new ScenarioError(file, zodProblems(doc, parsed.error, at));
  return resolveScenario(parsed.data, { file, path, doc, at, lineOf });
}

interface Context {
  file: string;
  path: string;
  doc: Doc;
  at(offset: number): string;
  lineOf(offset: number): number;
}

function resolveScenario(data: ScenarioFile, context: Context): Scenario {
  const problems: string[] = [];
  const problem = (path: Path, message: string) =>
    problems.push(`${context.at(locate(context.doc, path).offset)} ${formatPath(path)}: ${message}`);

  // People: fixed IDs where given (the rotations file names them), generated otherwise.
  const usedIds = new Set<string>();
  let sequence = 0;
  const nextId = () => {
    let id: string;
    do id = `UDM${String(++sequence).padStart(7, "0")}`;
    while (usedIds.has(id));
    usedIds.add(id);
    return id;
  };
  for (const [key, person] of Object.entries(data.people)) {
    if (!person.id) continue;
    if (usedIds.has(person.id)) problem(["people", key, "id"], `${person.id} is already someone else's ID`);
    usedIds.add(person.id);
  }
  const people = new Map<string, ScenarioPerson>();
  for (const [key, person] of Object.entries(data.people))
    people.set(key, { key, id: person.id ?? nextId(), name: key, realName: person.name, tz: person.tz });

  const everyone: ScenarioPerson[] = [...people.values()];
  const teams = new Map<string, ScenarioTeam>();
  for (const [key, team] of Object.entries(data.teams)) {
    if (people.has(key)) problem(["teams", key], `"${key}" is also a person's key; use another name`);
    const members: ScenarioPerson[] = [];
    team.members.forEach((member, i) => {
      const person = people.get(member);
      if (person) members.push(person);
      else problem(["teams", key, "members", i], unknown("person", member, people.keys()));
    });
    for (let n = 1; n <= team.extra; n++) {
      const name = `${key}-${String(n).padStart(3, "0")}`;
      const person = { key: name, id: nextId(), name, realName: name, tz: team.tz };
      members.push(person);
      everyone.push(person);
    }
    teams.set(key, { key, usergroupId: team.usergroup, members });
  }

  const memberIds = (path: Path, keys: string[]): string[] =>
    keys.flatMap((key, i) => {
      const person = people.get(key);
      if (person) return [person.id];
      const team = teams.get(key);
      if (team) return team.members.map((m) => m.id);
      problem([...path, i], unknown("person or team", key, [...people.keys(), ...teams.keys()]));
      return [];
    });
  const channels = new Map<string, string[]>();
  for (const [key, channel] of Object.entries(data.channels)) {
    if (key === "incident" || key === data.announceChannel)
      problem(["channels", key], `"${key}" is reserved (the incident's or the announcement channel)`);
    channels.set(key, [...new Set(memberIds(["channels", key, "members"], channel.members))]);
  }

  const admins = data.admins.flatMap((key, i) => {
    const person = people.get(key);
    if (person) return [person.id];
    const group = teams.get(key)?.usergroupId;
    if (group) return [group];
    problem(["admins", i], unknown("person or team with a user group", key, people.keys()));
    return [];
  });

  const rotationsFile = resolve(dirname(context.path), data.rotationsFile);
  const rotations = loadRotations(rotationsFile, new Date(data.start), people, teams, (message) =>
    problem(["rotationsFile"], message),
  );

  const start = new Date(data.start);
  const workstreamChannels = new Set<string>();
  const steps: ScenarioStep[] = [];
  let previous = start;
  data.steps.forEach((input, index) => {
    const path = ["steps", index];
    const line = context.lineOf(locate(context.doc, path).offset);
    const action = ACTIONS.find((name) => input[name] !== undefined) as ActionName;
    const when = input.at ? dayTimeToDate(start, input.at) : previous;
    if (when < previous)
      problem(
        [...path, "at"],
        `${input.at} is before the step before it (${previous.toISOString().slice(0, 16)}Z); time only moves forward`,
      );
    previous = new Date(Math.max(when.getTime(), previous.getTime()));
    const as = input.as === undefined ? undefined : people.get(input.as);
    if (input.as !== undefined && !as) problem([...path, "as"], unknown("person", input.as, people.keys()));
    if (input.in !== undefined) {
      const known =
        input.in === "incident" ||
        input.in === data.announceChannel ||
        channels.has(input.in) ||
        workstreamChannels.has(input.in);
      if (!known)
        problem(
          [...path, "in"],
          `no channel "${input.in}" at this point; steps can be in: ${["incident", data.announceChannel, ...channels.keys(), ...workstreamChannels].join(", ")} (a workstream's channel exists once a step before adds it with --channel)`,
        );
    }
    const mentions = (text: string, field: string) => {
      const problemsBefore = problems.length;
      const typed = escapeTyped(text).replace(MENTION, (match, lead: string, key: string) => {
        const person = people.get(key);
        if (person) return `${lead}<@${person.id}>`;
        const team = teams.get(key);
        if (team?.usergroupId) return `${lead}<!subteam^${team.usergroupId}|@${key}>`;
        if (team)
          problem([...path, field], `@${key} is a team without a Slack user group; it cannot be mentioned`);
        else
          problem(
            [...path, field],
            unknown("person or team", `@${key}`, [...people.keys(), ...teams.keys()]),
          );
        return match;
      });
      return problems.length === problemsBefore ? typed : undefined;
    };
    let resolved: StepAction;
    switch (action) {
      case "phase":
        resolved = { kind: "phase", title: input.phase as string };
        break;
      case "command": {
        const text = input.command as string;
        const delivered = mentions(text, "command");
        const byForm = input.byForm === true;
        resolved = { kind: "command", text: delivered ?? text, typed: text, ...(byForm ? { byForm } : {}) };
        // The bot's own grammar, so a misspelt verb or option is found before the demo starts.
        try {
          if (delivered !== undefined) {
            const { verb, args } = parseCommand(ALL_VERBS, delivered, "help");
            const refusal = byForm ? formRefusal(verb.name, args as Record<string, unknown>) : null;
            if (refusal) problem([...path, "byForm"], refusal);
          }
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          problem([...path, "command"], `the bot would refuse this: ${plainText(error.userMessage)}`);
        }
        const workstream = WORKSTREAM_WITH_CHANNEL.exec(text)?.[1];
        if (workstream) workstreamChannels.add(workstream.toLowerCase());
        break;
      }
      case "say": {
        const pinBy = input.pin === undefined ? undefined : people.get(input.pin);
        if (input.pin !== undefined && !pinBy)
          problem([...path, "pin"], unknown("person", input.pin, people.keys()));
        const typed = input.say as string;
        resolved = { kind: "say", text: mentions(typed, "say") ?? typed, typed, pinBy };
        break;
      }
      case "brief":
        resolved = { kind: "brief", brief: input.brief as Brief };
        break;
      case "accept":
        resolved = { kind: "accept" };
        break;
      case "answerReminder":
        resolved = { kind: "answerReminder", text: input.answerReminder as string };
        break;
      case "join": {
        const join = input.join as { team: string; count: number };
        const team = teams.get(join.team);
        if (!team) problem([...path, "join", "team"], unknown("team", join.team, teams.keys()));
        resolved = { kind: "join", team: team as ScenarioTeam, count: join.count };
        break;
      }
      case "close":
        resolved = { kind: "close", answers: input.close as CloseAnswers };
        break;
      case "tick":
        resolved = { kind: "tick", what: input.tick as string };
        break;
    }
    steps.push({ number: index + 1, line, at: when, as, in: input.in, action: resolved });
  });

  if (problems.length) throw new ScenarioError(context.file, problems);
  return {
    file: context.file,
    title: data.title,
    start,
    rotationsFile,
    rotations,
    displayTimeZone: data.displayTimeZone,
    admins,
    announceChannel: data.announceChannel,
    people,
    teams,
    channels,
    workstreamChannels,
    steps,
    everyone,
  };
}

/** A bot message as plain text (no mrkdwn emphasis, entities decoded). */
function plainText(text: string): string {
  return text.replace(/[`*_]/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** Edits (insert, delete, replace) between two short words. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function unknown(what: string, value: string, known: Iterable<string>): string {
  const typed = value.replace(/^@/, "");
  const near = [...known].filter(
    (k) => distance(k, typed) <= 2 || (typed.length >= 3 && k.startsWith(typed)),
  );
  return `there is no ${what} "${value}"${near.length ? ` (did you mean ${near.slice(0, 3).join(", ")}?)` : ""}`;
}

/** The rotations file must be valid for the bot, and name only people and teams of the scenario. */
function loadRotations(
  file: string,
  start: Date,
  people: Map<string, ScenarioPerson>,
  teams: Map<string, ScenarioTeam>,
  problem: (message: string) => void,
): Rotation[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    problem(`cannot read ${file}: ${(error as Error).message}`);
    return [];
  }
  const parsed = parseRotationsFile(text, displayPath(file), start);
  for (const p of parsed.problems) problem(p);
  const known = new Set([
    ...[...people.values()].map((p) => p.id),
    ...[...teams.values()].flatMap((t) => (t.usergroupId ? [t.usergroupId] : [])),
  ]);
  for (const rotation of parsed.rotations) {
    const ids = [
      rotation.escalateTo,
      ...rotation.shifts.flatMap((s) => [
        s.commander,
        ...s.deputies,
        ...Object.values(s.leads),
        ...s.members,
      ]),
    ].filter((id): id is string => Boolean(id));
    const strangers = [...new Set(ids)].filter((id) => !known.has(id));
    if (strangers.length)
      problem(
        `rotation ${rotation.name} names ${strangers.join(", ")}: give these IDs to people (id) or teams (usergroup) of the scenario`,
      );
  }
  return parsed.rotations;
}
