// The whole demo as a function: load the scenario, start the emulator and the real bot, replay
// every step (moving time only through POST /_sim/clock), then collect what came out: the
// postmortem the bot uploaded, the same draft as JSON from the CLI, a transcript of what the
// bot posted, the Slack Web API calls it made per method against the minimum the scenario
// needs, and every call the emulator rejected. `npm run demo` (run.ts) prints it; the
// benchmark and the e2e test call it directly.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { runPostmortemCli } from "../src/cli/postmortem.ts";
import type { Violation } from "../test/support/slack-emulator/types.ts";
import { browse, signedInJar, signInEnv } from "../test/support/web-sign-in.ts";
import { callsByMethod, minimumCalls } from "./call-economy.ts";
import { type DemoApp, startDemoApp } from "./demo-app.ts";
import { loadScenario, type Scenario } from "./load-scenario.ts";
import { StepRunner } from "./perform-step.ts";
import { dayTime, renderTranscript, type TranscriptChannel } from "./transcript.ts";

export const DEFAULT_SCENARIO = new URL("./scenario.yml", import.meta.url).pathname;

export interface RunDemoOptions {
  /** Print nothing (tests, benchmark). Default false. */
  quiet?: boolean;
  /** Default demo/scenario.yml. */
  scenarioPath?: string;
  /** Where the postmortem, its JSON form, the transcript and the database go. Default ./demo-output. */
  outputDir?: string;
  /** Where progress lines go when not quiet. Default stdout. */
  print?: (line: string) => void;
}

export interface StepRecord {
  number: number;
  at: string;
  kind: string;
  summary: string;
  /** Scheduled job runs that found work while the clock moved to this step. */
  jobsRun: number;
}

export interface RunDemoResult {
  scenario: { file: string; title: string; steps: number; simulatedFrom: string; simulatedTo: string };
  incidentNumber: number;
  /** The uploaded postmortem draft, written to the output directory. */
  postmortemPath: string;
  markdown: string;
  /** The same draft as JSON (npm run postmortem -- <n> --format json). */
  postmortemJsonPath: string;
  json: unknown;
  /** Whether the CLI, reading the database alone, reproduced the uploaded Markdown byte for byte. */
  cliMatchesUpload: boolean;
  transcriptPath: string;
  transcript: string;
  /** A copy of the demo's SQLite database, for `npm run postmortem` and friends. */
  databasePath: string;
  /** Slack Web API calls the bot made, per method. */
  callsByMethod: Record<string, number>;
  /** What the local pagers accepted, in order (the late handoff pages its incoming holder). */
  pages: { pager: string; action: string; key: string }[];
  /** The public status page as served at the end (status.html, status.json, status.atom). */
  statusPage: Record<string, string>;
  /** The internal pages as the commander saw them at the end (incidents.html, incident.html). */
  internalPages: Record<string, string>;
  /** What the scenario needs at least, per method (see call-economy.ts for each rule). */
  minimumCalls: Record<string, number>;
  /** Calls Slack would have rejected for breaking its rules; must be empty. */
  violations: Violation[];
  /** Warnings and errors the bot logged. */
  botProblems: string[];
  steps: StepRecord[];
  durationMs: number;
}

const KINDS_SHOWN = {
  command: "",
  say: "",
  brief: "",
  accept: "",
  answerReminder: "",
  join: "",
  close: "",
  tick: "⏱ ",
};

export async function runDemo(options: RunDemoOptions = {}): Promise<RunDemoResult> {
  const started = Date.now();
  const print = options.quiet
    ? () => {}
    : (options.print ?? ((line: string) => process.stdout.write(`${line}\n`)));
  const scenario = loadScenario(options.scenarioPath ?? DEFAULT_SCENARIO);
  const outputDir = resolve(options.outputDir ?? "demo-output");
  const total = scenario.steps.filter((s) => s.action.kind !== "phase").length;
  print(`Replaying "${scenario.title}" (${scenario.file}, ${total} steps)`);

  clearPreviousRun(outputDir);
  const app = await startDemoApp(scenario);
  print(`Public status page while it runs: ${app.url}/status (also /status.json and /status.atom)`);
  print(
    `Internal incident pages while it runs: ${app.url}/incidents (Sign in with Slack through the emulator: pick a person)`,
  );
  let stopped = false;
  try {
    const runner = new StepRunner(app, scenario);
    const steps: StepRecord[] = [];
    let done = 0;
    for (const step of scenario.steps) {
      if (step.action.kind === "phase") {
        print(`\n▸ ${step.action.title}`);
        continue;
      }
      let jobsRun = 0;
      if (step.at > app.bot.clock.now()) jobsRun = (await app.setClock(step.at)).jobsRun;
      const outcome = await runner.perform(step);
      done++;
      const record: StepRecord = {
        number: step.number,
        at: step.at.toISOString(),
        kind: step.action.kind,
        summary: outcome.summary,
        jobsRun,
      };
      steps.push(record);
      const prefix = KINDS_SHOWN[step.action.kind as keyof typeof KINDS_SHOWN] ?? "";
      print(
        `  [${String(done).padStart(3)}/${total}] ${dayTime(scenario, step.at)}  ${prefix}${outcome.summary}${jobsRun ? `  (${jobsRun} scheduled job run${jobsRun === 1 ? "" : "s"})` : ""}`,
      );
    }
    await app.settle();
    const incident = await runner.incident();
    if (!incident) throw new Error("the scenario declared no incident");

    const upload = latestPostmortem(app, incident.number);
    const transcriptChannels = await transcriptChannelsOf(app, scenario, incident.id);
    // A short transcript for the terminal; a longer one for the file.
    const transcript = renderTranscript(app.emulator, scenario, transcriptChannels, {
      lastMessages: 4,
      linesPerMessage: 6,
    });
    const fullTranscript = renderTranscript(app.emulator, scenario, transcriptChannels, {
      lastMessages: 1000,
      linesPerMessage: 40,
    });
    const calls = callsByMethod(app.emulator.calls);
    const pages = app.pagers.requests
      .filter((r) => r.status === 202)
      .map((r) => {
        if (r.pager === "pagerduty")
          return { pager: r.pager, action: String(r.body.event_action), key: String(r.body.dedup_key) };
        const step = /\/v2\/alerts\/([^/]+)\/(acknowledge|close)/.exec(r.path);
        return step
          ? { pager: r.pager, action: step[2] as string, key: decodeURIComponent(step[1] as string) }
          : { pager: r.pager, action: "create", key: String(r.body.alias) };
      });
    const minimum = minimumCalls(scenario);
    const violations = [...app.emulator.violations];
    const simulatedTo = app.bot.clock.now().toISOString();

    // The database outlives the run as a copy, so the CLI (and a curious reader) can use it.
    mkdirSync(outputDir, { recursive: true });
    // What stakeholders outside Slack saw at the end: the public status page, as served.
    const statusPage: Record<string, string> = {};
    for (const [path, file] of STATUS_PAGE_FILES) {
      const response = await fetch(`${app.url}${path}`);
      if (!response.ok) throw new Error(`${path} answered ${response.status}`);
      statusPage[file] = relativePath(join(outputDir, file));
      writeFileSync(join(outputDir, file), await response.text());
    }
    // What responders outside the channel saw: the internal pages, signed in as the commander.
    const internalPages: Record<string, string> = {};
    const commander = await app.bot.deps.store.read.roles.holder(incident.id, "commander");
    if (!commander) throw new Error(`INC-${incident.number} has no commander to sign in as`);
    const jar = await signedInJar(app, commander);
    for (const [path, file] of [
      ["/incidents", "incidents.html"],
      [`/incidents/${incident.number}`, "incident.html"],
    ] as const) {
      const response = await browse(jar, app.url, path);
      if (!response.ok) throw new Error(`${path} answered ${response.status}`);
      internalPages[file] = relativePath(join(outputDir, file));
      writeFileSync(join(outputDir, file), await response.text());
    }
    const databasePath = join(outputDir, "demo.db");
    await app.stop({ keepDatabaseAt: databasePath });
    stopped = true;

    const postmortemPath = join(outputDir, upload.filename);
    writeFileSync(postmortemPath, upload.markdown);
    // The full timeline the bot uploaded beside the draft (the draft names it).
    if (upload.timeline) writeFileSync(join(outputDir, upload.timeline.filename), upload.timeline.content);
    const cli = async (format: "md" | "json") => {
      let stdout = "";
      let stderr = "";
      const code = await runPostmortemCli(
        [String(incident.number), "--format", format, "--generated-at", upload.generatedAt],
        {
          // The bot's settings, sign-in included: its drafts link to the incident's page.
          env: {
            DATABASE_URL: `file:${databasePath}`,
            DISPLAY_TIME_ZONE: scenario.displayTimeZone,
            ...signInEnv(app.emulator, Number(new URL(app.url).port)),
          },
          stdout: (text) => {
            stdout += text;
          },
          stderr: (text) => {
            stderr += text;
          },
          now: () => new Date(simulatedTo),
        },
      );
      if (code !== 0) throw new Error(`npm run postmortem failed (${code}): ${stderr}`);
      return stdout;
    };
    const jsonText = await cli("json");
    const postmortemJsonPath = postmortemPath.replace(/\.md$/, ".json");
    writeFileSync(postmortemJsonPath, jsonText);
    const cliMatchesUpload = (await cli("md")) === upload.markdown;
    const transcriptPath = join(outputDir, "transcript.txt");
    writeFileSync(transcriptPath, `${fullTranscript.trimStart()}\n`);

    return {
      scenario: {
        file: scenario.file,
        title: scenario.title,
        steps: total,
        simulatedFrom: scenario.start.toISOString(),
        simulatedTo,
      },
      incidentNumber: incident.number,
      postmortemPath: relativePath(postmortemPath),
      markdown: upload.markdown,
      postmortemJsonPath: relativePath(postmortemJsonPath),
      json: JSON.parse(jsonText),
      cliMatchesUpload,
      transcriptPath: relativePath(transcriptPath),
      transcript,
      databasePath: relativePath(databasePath),
      callsByMethod: calls,
      pages,
      statusPage,
      internalPages,
      minimumCalls: minimum,
      violations,
      botProblems: [...app.problems],
      steps,
      durationMs: Date.now() - started,
    };
  } finally {
    if (!stopped) await app.stop().catch(() => {});
  }
}

/** The status page's three forms, saved as served at the end of the run. */
const STATUS_PAGE_FILES = [
  ["/status", "status.html"],
  ["/status.json", "status.json"],
  ["/status.atom", "status.atom"],
] as const;

/** Removes what an earlier run wrote (and only that), so the directory shows this run. */
function clearPreviousRun(outputDir: string): void {
  if (!existsSync(outputDir)) return;
  for (const name of readdirSync(outputDir))
    if (
      /^INC-\d+-postmortem-.*\.(md|json)$|^INC-\d+-timeline-.*\.csv$|^transcript\.txt$|^demo\.db$|^status\.(html|json|atom)$|^incidents?\.html$/.test(
        name,
      )
    )
      rmSync(join(outputDir, name), { force: true });
}

function relativePath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel;
}

/** The last postmortem draft the bot uploaded for the incident, with its generation time. */
function latestPostmortem(app: DemoApp, number: number) {
  const file = app.emulator
    .files()
    .filter((f) => f.filename.startsWith(`INC-${number}-postmortem-`) && f.bytes)
    .at(-1);
  if (!file?.bytes) throw new Error(`the bot uploaded no postmortem draft for INC-${number}`);
  const channel = file.channels[0];
  const message = channel
    ? app.emulator.messages(channel).find((m) => m.files?.some((f) => f.id === file.id))
    : undefined;
  const generatedAt = /--generated-at (\S+?)`/.exec(message?.text ?? "")?.[1];
  if (!generatedAt) throw new Error(`cannot find when ${file.filename} was generated in its message`);
  const timelineId = message?.files?.find((f) => f.filename.endsWith(".csv"))?.id;
  const timeline = app.emulator.files().find((f) => f.id === timelineId && f.bytes);
  return {
    filename: file.filename,
    markdown: file.bytes.toString("utf8"),
    generatedAt,
    timeline: timeline?.bytes
      ? { filename: timeline.filename, content: timeline.bytes.toString("utf8") }
      : null,
  };
}

async function transcriptChannelsOf(app: DemoApp, scenario: Scenario, incidentId: number) {
  const { db } = app.bot.deps.database;
  const incident = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
  const workstreams = await db.workstream.findMany({ where: { incidentId }, orderBy: { id: "asc" } });
  const channels: TranscriptChannel[] = [];
  const stateMessages = new Set(
    [incident.summaryTs, incident.boardTs, ...workstreams.map((w) => w.summaryTs)].filter(Boolean),
  );
  if (incident.channelId)
    channels.push({
      title: `#${app.emulator.channel(incident.channelId)?.name} (incident channel)`,
      channelId: incident.channelId,
      keep: (m) => stateMessages.has(m.ts),
    });
  for (const workstream of workstreams)
    if (workstream.channelId)
      channels.push({
        title: `#${app.emulator.channel(workstream.channelId)?.name} (workstream ${workstream.name})`,
        channelId: workstream.channelId,
        keep: (m) => stateMessages.has(m.ts),
      });
  channels.push({
    title: `#${scenario.announceChannel} (announcement channel)`,
    channelId: app.announceChannel,
    keep: (m) => m.ts === incident.announceTs,
  });
  // The people the handoffs reached: every incoming holder and the escalation contacts.
  const handoffs = await db.handoff.findMany({ where: { incidentId }, orderBy: { id: "asc" } });
  const late = handoffs.find((h) => h.escalations > 0);
  const dmPeople = late ? [late.toUserId] : handoffs.slice(0, 1).map((h) => h.toUserId);
  const escalated = await db.timelineEntry.findFirst({ where: { incidentId, kind: "handoff_escalated" } });
  const contact = (escalated?.data as { contactId?: string } | null)?.contactId;
  const contactMember = contact?.startsWith("S")
    ? [...scenario.teams.values()].find((t) => t.usergroupId === contact)?.members[0]?.id
    : contact;
  if (contactMember) dmPeople.push(contactMember);
  for (const userId of dmPeople) {
    const channelId = app.emulator.imChannelId(userId);
    channels.push({ title: `DM to ${app.emulator.user(userId)?.realName ?? userId}`, channelId });
  }
  return channels;
}
