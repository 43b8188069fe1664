// `npm run demo` end to end: the demo scenario replayed against the real bot and the Slack
// emulator, through signed requests and POST /_sim/clock only, with no call Slack would reject
// (how long the replay takes is `npm run bench`); and the postmortem the bot uploaded tells the scenario's story
// (chronology, responders, shifts and handoffs, recovery). Expectations are read from the
// scenario itself where they are numbers, so editing its wording does not break this test.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadScenario, type Scenario } from "../../demo/load-scenario.ts";
import { StepError } from "../../demo/perform-step.ts";
import { DEFAULT_SCENARIO, type RunDemoResult, runDemo } from "../../demo/run-demo.ts";

/** The Markdown between a heading and the next heading of the same or a higher level. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`${heading}\n`);
  if (start < 0) throw new Error(`no "${heading}" in the postmortem`);
  const level = heading.indexOf(" ");
  const rest = markdown.slice(start + heading.length + 1);
  const next = rest.search(new RegExp(`^#{1,${level}} `, "m"));
  return next < 0 ? rest : rest.slice(0, next);
}

/** Table rows as cells (header and separator rows dropped). */
function rows(markdown: string): string[][] {
  const separator = (line: string | undefined) => /^\|[-| ]+\|$/.test(line ?? "");
  const lines = markdown.split("\n");
  return lines
    .filter((line, i) => line.startsWith("|") && !separator(line) && !separator(lines[i + 1]))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

const utc = (at: Date) => `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;

describe("npm run demo", () => {
  let scenario: Scenario;
  let result: RunDemoResult;
  let outputDir: string;

  beforeAll(async () => {
    scenario = loadScenario(DEFAULT_SCENARIO);
    outputDir = mkdtempSync(join(tmpdir(), "demo-output-"));
    result = await runDemo({ quiet: true, outputDir });
  });

  it("replays the whole scenario, and Slack would have accepted every call", () => {
    expect(result.violations).toEqual([]);
    expect(result.steps).toHaveLength(scenario.steps.filter((s) => s.action.kind !== "phase").length);
    // About a day and a half of simulated time, moved only through the clock endpoint.
    const simulatedMs = Date.parse(result.scenario.simulatedTo) - Date.parse(result.scenario.simulatedFrom);
    expect(simulatedMs).toBeGreaterThan(24 * 3_600_000);
    expect(simulatedMs).toBeLessThan(2 * 24 * 3_600_000);
    // The bot's own scheduler did the prompting, escalating and reminding on the way.
    expect(result.steps.filter((s) => s.jobsRun > 0).length).toBeGreaterThanOrEqual(5);
    expect(result.botProblems).toEqual([]);
  });

  it("writes the uploaded draft, the same draft as JSON, the transcript and the database", () => {
    for (const path of [
      result.postmortemPath,
      result.postmortemJsonPath,
      result.transcriptPath,
      result.databasePath,
    ])
      expect(existsSync(path)).toBe(true);
    expect(result.postmortemPath.startsWith(outputDir)).toBe(true);
    expect(readFileSync(result.postmortemPath, "utf8")).toBe(result.markdown);
    expect(result.cliMatchesUpload).toBe(true);
    expect(result.json).toMatchObject({ incident: { number: result.incidentNumber, status: "closed" } });
  });

  it("tells the story in the chronology: declared, escalated to SEV1, milestones, resolved, closed", () => {
    const chronology = rows(section(result.markdown, "### Chronology"));
    const moments = chronology.map((row) => row[2]);
    const expected = [
      "Impact started",
      "Detected",
      "Declared",
      "Escalated to SEV1",
      "Mitigated",
      "Backfill complete",
      "Resolved",
      "Closed",
    ];
    const positions = expected.map((moment) => moments.indexOf(moment));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // The escalation carries its reason, typed in the scenario.
    const sev1 = chronology.find((row) => row[2] === "Escalated to SEV1");
    expect(sev1?.[3]?.length).toBeGreaterThan(20);
    // Backdated milestones keep the time they were said to happen, not when they were typed.
    const impact = chronology.find((row) => row[2] === "Impact started");
    expect(impact?.[0]).toMatch(/05:\d\d UTC$/);
  });

  it("counts a few hundred responders, as many as joined and acted in the scenario", () => {
    const joined = scenario.steps.reduce((n, s) => n + (s.action.kind === "join" ? s.action.count : 0), 0);
    const count = Number(/\*\*(\d+) people\*\* took part/.exec(result.markdown)?.[1]);
    expect(count).toBeGreaterThanOrEqual(250);
    expect(count).toBeGreaterThanOrEqual(joined);
    const updates = scenario.steps.filter(
      (s) =>
        (s.action.kind === "command" && /^update /.test(s.action.text)) || s.action.kind === "answerReminder",
    ).length;
    expect(result.markdown).toContain(`**${updates} status updates** went out`);
  });

  it("shows every shift handoff, one of them accepted late after an escalation", () => {
    const handoffs = section(result.markdown, "#### Shifts and handoffs");
    const table = rows(handoffs).filter((row) => row.length === 7);
    const accepts = scenario.steps.filter((s) => s.action.kind === "accept");
    expect(table).toHaveLength(accepts.length);
    // Each acceptance is at the time the scenario pressed Accept.
    expect(table.map((row) => row[4])).toEqual(accepts.map((s) => utc(s.at)));
    const late = table.filter((row) => /^[1-9]/.test(row[6] ?? ""));
    expect(late).toHaveLength(1);
    const [due, accepted, latency] = [late[0]?.[3], late[0]?.[4], late[0]?.[5]];
    const acceptWithinMs = scenario.rotations[0]?.acceptWithinMs ?? 0;
    expect(
      Date.parse(`${accepted?.replace(" UTC", "Z")}`) - Date.parse(`${due?.replace(" UTC", "Z")}`),
    ).toBeGreaterThan(acceptWithinMs);
    expect(latency).toMatch(/^\d+m$/);
    // Its brief is in the appendix chapter of the shift that handed over.
    expect(result.markdown).toContain("Handoff brief by");
    expect(result.markdown.match(/^#### Shift \d+:/gm)?.length).toBeGreaterThanOrEqual(4);
  });

  it("leaves the internal incident page as the commander saw it: board, roles, timeline with internal updates", () => {
    const page = readFileSync(result.internalPages["incident.html"] ?? "", "utf8");
    const list = readFileSync(result.internalPages["incidents.html"] ?? "", "utf8");
    expect(list).toContain(`href="/incidents/${result.incidentNumber}"`);
    expect(page).toContain(`INC-${result.incidentNumber}`);
    expect(page).toMatch(/<table id="board">[\s\S]*data-state="recovered"/);
    // Internal: the workstream's internal update is there (it is not on the status page).
    expect(page).toContain("eu1 rollback at 40% of cells");
    expect(page).toContain('aria-label="Postmortem draft"');
  });

  it("leaves the public status page as served: what is back where, public updates only, no names", () => {
    const html = readFileSync(result.statusPage["status.html"] ?? "", "utf8");
    const json = JSON.parse(readFileSync(result.statusPage["status.json"] ?? "", "utf8")) as unknown;
    const atom = readFileSync(result.statusPage["status.atom"] ?? "", "utf8");
    // The customer-facing updates are public; the workstream's internal one is not.
    for (const text of [JSON.stringify(json), html, atom]) {
      expect(text).toContain("All historical data has been restored in every region");
      expect(text).not.toContain("eu1 rollback at 40% of cells");
    }
    expect(html).toContain("live data: 3/3 regions back · backfill: 3/3 regions complete");
    // Nobody's name or Slack ID reaches the public page.
    for (const person of scenario.people.values()) {
      expect(html).not.toContain(person.realName);
      expect(html).not.toContain(person.id);
    }
  });

  it("pages the late handoff's incoming holder once, acknowledged at acceptance, and lists it", () => {
    const keys = [...new Set(result.pages.map((p) => p.key))];
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^incident-\d+-handoff-\d+-holder$/);
    const steps = (pager: string) => result.pages.filter((p) => p.pager === pager).map((p) => p.action);
    expect(steps("pagerduty")).toEqual(["trigger", "acknowledge", "resolve"]);
    expect(steps("opsgenie")).toEqual(["create", "acknowledge", "close"]);
    const pages = rows(section(result.markdown, "#### Pages"));
    expect(pages).toHaveLength(1);
    expect(pages[0]?.join(" ")).toMatch(/\d+m by /);
  });

  it("shows recovery per region and service: live data first, the historical backfill later", () => {
    const regions = rows(section(result.markdown, "#### By region and workstream"));
    expect(regions.map((row) => row[0])).toEqual(["`ap1`", "`eu1`", "`us1`"]);
    for (const row of regions) {
      const live = Date.parse(`${row[3]?.slice(0, 16).replace(" ", "T")}Z`);
      const backfill = Date.parse(`${row[4]?.slice(0, 16).replace(" ", "T")}Z`);
      expect(Number.isNaN(live) || Number.isNaN(backfill)).toBe(false);
      expect(backfill).toBeGreaterThan(live);
      expect(row[5]).toBe("—");
    }
    const services = rows(section(result.markdown, "#### By service"));
    for (const region of ["`ap1`", "`eu1`", "`us1`"]) {
      const phases = services
        .filter((row) => row[0] === "`intake`" && row[1] === region)
        .map((row) => row[2]);
      expect(phases).toEqual(["live", "backfill"]);
    }
  });

  it("shows what the bot posted in each channel and a couple of direct messages", () => {
    for (const heading of ["(incident channel)", "(workstream us1)", "(workstream eu1)", "(workstream ap1)"])
      expect(result.transcript).toContain(heading);
    expect(result.transcript).toContain(`#${scenario.announceChannel} (announcement channel)`);
    expect(result.transcript.match(/━━ DM to /g)?.length).toBeGreaterThanOrEqual(2);
    expect(result.transcript).not.toMatch(/<@U|<!subteam/);
  });

  it("reports Slack calls per method against the minimum the scenario needs", () => {
    // One channel per incident and per workstream with --channel, and no more.
    expect(result.minimumCalls["conversations.create"]).toBe(4);
    expect(result.callsByMethod["conversations.create"]).toBe(4);
    // Hundreds of people were brought in: at least one invite per hundred.
    expect(result.minimumCalls["conversations.invite"]).toBeGreaterThanOrEqual(4);
    expect(result.callsByMethod["conversations.invite"]).toBeGreaterThanOrEqual(
      result.minimumCalls["conversations.invite"] ?? Number.POSITIVE_INFINITY,
    );
    for (const method of ["chat.postMessage", "chat.update", "views.open", "pins.add", "reactions.add"])
      expect(result.minimumCalls[method]).toBeGreaterThan(0);
    expect(Object.values(result.callsByMethod).reduce((a, b) => a + b, 0)).toBeGreaterThan(500);
  });
});

describe("a scenario step the bot refuses", () => {
  it("stops the demo with the bot's own words and the step's line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "demo-refused-"));
    writeFileSync(
      join(dir, "rotations.yml"),
      "rotations:\n  - name: solo\n    escalateTo: U0DTESTER1\n    shifts:\n      - { name: all, timeZone: UTC, start: '00:00', end: '24:00', commander: U0DTESTER1 }\n",
    );
    const file = join(dir, "scenario.yml");
    writeFileSync(
      file,
      [
        "title: Refused",
        "start: 2026-02-11T06:00:00Z",
        "rotationsFile: rotations.yml",
        "displayTimeZone: UTC",
        "announceChannel: incidents",
        "people:",
        "  alex: { name: Alex, tz: UTC, id: U0DTESTER1 }",
        "  blair: { name: Blair, tz: UTC }",
        "channels:",
        "  general: { members: [alex, blair] }",
        "steps:",
        "  - at: d1 06:01",
        "    as: alex",
        "    in: general",
        "    command: declare Checkout down --sev 2",
        "  - at: d1 06:05",
        "    as: blair",
        "    command: sev 3 looks fine",
      ].join("\n"),
    );
    const refused = await runDemo({ quiet: true, scenarioPath: file, outputDir: dir }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(StepError);
    expect((refused as Error).message).toMatch(
      /^step 2 \(.*scenario\.yml:16\): the bot refused \/incident sev 3/,
    );
    expect((refused as Error).message).toContain("commander");
  });
});
