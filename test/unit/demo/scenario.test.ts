// The demo scenario loader: the shipped scenario is valid and has the shape the demo promises,
// mentions reach the bot as Slack delivers them, and every kind of mistake in a scenario file
// is reported with its file, line and column before anything runs.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dayTimeToDate, loadScenario, ScenarioError } from "../../../demo/load-scenario.ts";
import { DEFAULT_SCENARIO } from "../../../demo/run-demo.ts";

const ROTATIONS = `rotations:
  - name: solo
    escalateTo: U0DTESTER1
    shifts:
      - { name: all, timeZone: UTC, start: "00:00", end: "24:00", commander: U0DTESTER1 }
`;

const HEADER = `title: Test
start: 2026-02-11T06:00:00Z
rotationsFile: rotations.yml
displayTimeZone: UTC
announceChannel: incidents
people:
  alex: { name: Alex Moreau, tz: Europe/Paris, id: U0DTESTER1 }
  blair: { name: Blair Chen, tz: UTC }
teams:
  sre: { usergroup: S0DTESTSRE, members: [blair], extra: 3, tz: Asia/Tokyo }
  crowd: { extra: 2 }
channels:
  general: { members: [alex, blair] }
`;

/** Writes a scenario (and a valid rotations file) to a fresh directory; returns its path. */
function scenarioFile(text: string, rotations = ROTATIONS): string {
  const dir = mkdtempSync(join(tmpdir(), "scenario-"));
  writeFileSync(join(dir, "rotations.yml"), rotations);
  const file = join(dir, "scenario.yml");
  writeFileSync(file, text);
  return file;
}

function problemsOf(file: string): string[] {
  try {
    loadScenario(file);
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
  throw new Error("the scenario loaded without problems");
}

describe("the shipped demo scenario", () => {
  const scenario = loadScenario(DEFAULT_SCENARIO);

  it("is a multi-region outage of a day or two with hundreds of people", () => {
    expect(scenario.workstreamChannels).toEqual(new Set(["us1", "eu1", "ap1"]));
    expect(scenario.everyone.length).toBeGreaterThanOrEqual(300);
    const times = scenario.steps.map((s) => s.at.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const span = (times.at(-1) ?? 0) - (times[0] ?? 0);
    expect(span).toBeGreaterThan(24 * 3_600_000);
    expect(span).toBeLessThanOrEqual(2 * 24 * 3_600_000);
    const kinds = new Set(scenario.steps.map((s) => s.action.kind));
    for (const kind of ["command", "say", "brief", "accept", "answerReminder", "join", "close", "tick"])
      expect(kinds).toContain(kind);
    expect(scenario.rotations.map((r) => r.name)).toEqual(["follow-the-sun"]);
  });

  it("gives every person named in the rotations file a fixed ID", () => {
    const ids = new Set(scenario.everyone.map((p) => p.id));
    for (const shift of scenario.rotations[0]?.shifts ?? []) expect(ids).toContain(shift.commander);
    expect(new Set(scenario.everyone.map((p) => p.id)).size).toBe(scenario.everyone.length);
  });
});

describe("loading a scenario", () => {
  it("delivers @mentions and typed text as Slack does, and keeps the typed text for display", () => {
    const scenario = loadScenario(
      scenarioFile(`${HEADER}steps:
  - at: d1 06:01
    as: alex
    in: general
    command: declare Checkout <down> & out --sev 2
  - at: d1 06:02
    as: alex
    command: invite @blair @sre
  - at: d1 06:03
    as: blair
    say: "@alex look at this (@sre)"
`),
    );
    const [declare, invite, say] = scenario.steps.map((s) => s.action);
    expect(declare).toMatchObject({
      kind: "command",
      text: "declare Checkout &lt;down&gt; &amp; out --sev 2",
    });
    const blair = scenario.people.get("blair")?.id;
    expect(invite).toEqual({
      kind: "command",
      text: `invite <@${blair}> <!subteam^S0DTESTSRE|@sre>`,
      typed: "invite @blair @sre",
    });
    expect(say).toMatchObject({
      kind: "say",
      text: "<@U0DTESTER1> look at this (<!subteam^S0DTESTSRE|@sre>)",
    });
    // Steps without `in` act in the incident's channel.
    expect(scenario.steps[1]?.in).toBeUndefined();
  });

  it("builds teams from named and generated people, with unique IDs", () => {
    const scenario = loadScenario(scenarioFile(`${HEADER}steps:\n  - at: d1 06:01\n    tick: nothing\n`));
    const sre = scenario.teams.get("sre");
    expect(sre?.members.map((m) => m.name)).toEqual(["blair", "sre-001", "sre-002", "sre-003"]);
    expect(sre?.members[1]?.tz).toBe("Asia/Tokyo");
    expect(scenario.teams.get("crowd")?.usergroupId).toBeUndefined();
    const ids = scenario.everyone.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(scenario.everyone).toHaveLength(2 + 3 + 2);
  });

  it("reads d<day> HH:MM from the UTC day the scenario starts", () => {
    const start = new Date("2026-02-11T06:00:00Z");
    expect(dayTimeToDate(start, "d1 06:09").toISOString()).toBe("2026-02-11T06:09:00.000Z");
    expect(dayTimeToDate(start, "d2 00:03").toISOString()).toBe("2026-02-12T00:03:00.000Z");
  });

  it("reports YAML syntax errors with their line", () => {
    const problems = problemsOf(scenarioFile(`${HEADER}steps:\n  - at: d1 06:01\n    tick: [unclosed\n`));
    expect(problems[0]).toMatch(/scenario\.yml:\d+:\d+ YAML: /);
  });

  it("reports schema mistakes at the line and column of the value (or key)", () => {
    const file = scenarioFile(`${HEADER}steps:
  - at: "6:10"
    tick: x
  - at: d1 06:11
    as: alex
    colour: blue
    accept: true
  - at: d1 06:12
    tick: x
    say: y
  - phase: Only a heading
`);
    const problems = problemsOf(file);
    expect(problems).toEqual([
      expect.stringMatching(/scenario\.yml:15:9 steps\[0\]\.at: must be "d<day> HH:MM" in UTC/),
      expect.stringMatching(/scenario\.yml:19:5 steps\[1\]\.colour: is not a known setting/),
      expect.stringMatching(/scenario\.yml:21:5 steps\[2\]: has say and tick: give one action per step/),
    ]);
  });

  it("reports unknown people, channels, teams and mentions, suggesting close names", () => {
    const problems = problemsOf(
      scenarioFile(`${HEADER}steps:
  - at: d1 06:01
    as: alx
    in: genral
    command: declare Checkout down
  - at: d1 06:02
    as: alex
    command: invite @crowd @nobody
  - at: d1 06:03
    join: { team: crow, count: 1 }
`),
    );
    expect(problems).toEqual([
      expect.stringMatching(/:16:9 steps\[0\]\.as: there is no person "alx" \(did you mean alex\?\)/),
      expect.stringMatching(
        /:17:9 steps\[0\]\.in: no channel "genral" at this point; steps can be in: incident, incidents, general/,
      ),
      expect.stringMatching(/:21:14 steps\[1\]\.command: @crowd is a team without a Slack user group/),
      expect.stringMatching(/:21:14 steps\[1\]\.command: there is no person or team "@nobody"/),
      expect.stringMatching(
        /:23:19 steps\[2\]\.join\.team: there is no team "crow" \(did you mean crowd\?\)/,
      ),
    ]);
  });

  it("refuses time going backwards and commands the bot would refuse, before running anything", () => {
    const problems = problemsOf(
      scenarioFile(`${HEADER}steps:
  - at: d1 06:08
    as: alex
    in: general
    command: declare Checkout down --sev 7
  - at: d1 06:05
    as: alex
    command: status identifed
  - at: d1 06:09
    as: alex
    in: us1
    command: note hello
`),
    );
    expect(problems).toEqual([
      expect.stringMatching(/:18:14 steps\[0\]\.command: the bot would refuse this: Severity must be 1 to 4/),
      expect.stringMatching(
        /:19:9 steps\[1\]\.at: d1 06:05 is before the step before it \(2026-02-11T06:08Z\)/,
      ),
      expect.stringMatching(/:21:14 steps\[1\]\.command: the bot would refuse this: Status must be one of/),
      expect.stringMatching(/:24:9 steps\[2\]\.in: no channel "us1" at this point/),
    ]);
  });

  it("checks the rotations file, and that it names only the scenario's people and teams", () => {
    const strangers = problemsOf(
      scenarioFile(
        `${HEADER}steps:\n  - at: d1 06:01\n    tick: x\n`,
        ROTATIONS.replace("escalateTo: U0DTESTER1", "escalateTo: S0DNOBODY1"),
      ),
    );
    expect(strangers).toEqual([
      expect.stringMatching(/:3:16 rotationsFile: rotation solo names S0DNOBODY1: give these IDs to people/),
    ]);
    const broken = problemsOf(
      scenarioFile(
        `${HEADER}steps:\n  - at: d1 06:01\n    tick: x\n`,
        ROTATIONS.replace('"24:00"', '"25:00"'),
      ),
    );
    expect(broken[0]).toMatch(
      /rotationsFile: \/.*\/rotations\.yml:5:\d+ rotations\[0\]\.shifts\[0\]\.end: must be HH:MM/,
    );
  });
});
