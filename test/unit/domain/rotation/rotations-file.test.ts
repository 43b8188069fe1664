// The rotations file: every mistake reported at once with its line and column, defaults
// applied, and the shipped example valid.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRotationsFile } from "../../../../src/domain/rotation/parse-file.ts";

const now = new Date("2026-01-12T10:00:00Z");
const parse = (text: string) => parseRotationsFile(text, "rotations.yml", now);

const VALID = `rotations:
  - name: follow-the-sun
    escalateTo: S0MANAGERS
    shifts:
      - name: apac
        timeZone: Asia/Seoul
        start: "09:00"
        end: "17:00"
        commander: U0APAC1
      - name: emea
        timeZone: Europe/Dublin
        start: 08:00
        end: "16:00"
        commander: U0EMEA1
        leads:
          us1: U0US1
      - name: amer
        timeZone: America/New_York
        start: "11:00"
        end: "19:00"
        commander: U0AMER1
`;

describe("reading a rotations file", () => {
  it("reads a valid file, applying the defaults", () => {
    const file = parse(VALID);
    expect(file.problems).toEqual([]);
    const [rotation] = file.rotations;
    expect(rotation?.name).toBe("follow-the-sun");
    expect(rotation?.promptBeforeMs).toBe(15 * 60_000);
    expect(rotation?.acceptWithinMs).toBe(10 * 60_000);
    expect(rotation?.maxShiftHours).toBe(12);
    expect(rotation?.shifts[1]).toMatchObject({
      name: "emea",
      startMinute: 480,
      endMinute: 960,
      days: null,
      deputies: [],
      members: [],
      leads: { us1: "U0US1" },
    });
    expect(file.warnings).toEqual([]);
  });

  it("points at the line and column of each wrong value, all at once", () => {
    const text = VALID.replace('end: "16:00"', 'end: "16h"')
      .replace("timeZone: America/New_York", "timeZone: America/NewYork")
      .replace("commander: U0APAC1", "commander: '@kim'");
    expect(parse(text).problems).toEqual([
      "rotations.yml:9:20 rotations[0].shifts[0].commander: must be a Slack user ID like U012AB3CD (not a name or @mention)",
      "rotations.yml:13:14 rotations[0].shifts[1].end: must be HH:MM (24-hour, e.g. 08:00)",
      "rotations.yml:18:19 rotations[0].shifts[2].timeZone: must be an IANA time zone like Europe/Dublin, Asia/Seoul or America/New_York",
    ]);
  });

  it("names a missing setting at the entry that lacks it, and an unknown one at its key", () => {
    const text = VALID.replace('        start: "11:00"\n', "").replace(
      "    escalateTo: S0MANAGERS\n",
      "    escalate: S0MANAGERS\n",
    );
    expect(parse(text).problems).toEqual([
      "rotations.yml:2:5 rotations[0].escalateTo: is required",
      "rotations.yml:3:5 rotations[0].escalate: is not a known setting (check the spelling; see rotations.example.yml)",
      "rotations.yml:17:9 rotations[0].shifts[2].start: is required",
    ]);
  });

  it("checks days, durations, lead names, members and duplicate names", () => {
    const text = `rotations:
  - name: a
    promptBefore: 3d
    acceptWithin: soon
    maxShiftHours: 0
    escalateTo: bob
    shifts:
      - name: x
        timeZone: UTC
        start: "00:00"
        end: "25:00"
        days: [mon, funday]
        commander: U0A
        leads: { US-1: U0B }
        members: [U0C, "#sre"]
      - name: x
        timeZone: UTC
        start: "12:00"
        end: "00:00"
        commander: U0D
  - name: a
    escalateTo: U0E
    shifts: []
`;
    expect(parse(text).problems).toEqual([
      "rotations.yml:3:19 rotations[0].promptBefore: must be a duration from 1m to 12h, like 15m",
      "rotations.yml:4:19 rotations[0].acceptWithin: must be a duration from 1m to 12h, like 10m",
      "rotations.yml:5:20 rotations[0].maxShiftHours: must be more than 0",
      "rotations.yml:6:17 rotations[0].escalateTo: must be a Slack user ID (U…) or user-group ID (S…)",
      "rotations.yml:11:14 rotations[0].shifts[0].end: must be HH:MM (24-hour, e.g. 08:00)",
      "rotations.yml:12:21 rotations[0].shifts[0].days[1]: must be days of the week (mon, tue, wed, thu, fri, sat, sun)",
      "rotations.yml:14:18 rotations[0].shifts[0].leads.US-1: must be a workstream or region name like us1 or ingestion",
      "rotations.yml:15:24 rotations[0].shifts[0].members[1]: must be a Slack user ID (U…) or user-group ID (S…)",
      "rotations.yml:23:13 rotations[1].shifts: needs at least one shift",
    ]);
  });

  it("reports duplicate names once the rest is right", () => {
    const text = `${VALID}  - name: follow-the-sun
    escalateTo: U0E
    shifts:
      - name: day
        timeZone: UTC
        start: "00:00"
        end: "00:00"
        commander: U0F
      - name: day
        timeZone: UTC
        start: "06:00"
        end: "07:00"
        commander: U0G
`;
    expect(parse(text).problems).toEqual(
      [
        'rotations.yml:30:15 rotations[1].shifts[1].name: "day" is used twice',
        'rotations.yml:22:11 rotations[1].name: "follow-the-sun" is used twice',
      ].sort((a, b) => Number(/:(\d+):/.exec(a)?.[1]) - Number(/:(\d+):/.exec(b)?.[1])),
    );
  });

  it("reports YAML syntax errors, empty files and a wrong top level with positions", () => {
    expect(parse("rotations:\n  - name: a\n    shifts: [\n").problems).toEqual([
      "rotations.yml:4:1 YAML: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ]);
    expect(parse("rotations:\n  - name: a\n    name: b\n").problems).toEqual([
      "rotations.yml:3:5 YAML: Map keys must be unique",
    ]);
    expect(parse("").problems).toEqual(["rotations.yml:1:1 the file is empty; it needs a `rotations:` list"]);
    expect(parse("- name: a\n").problems).toEqual([
      "rotations.yml:1:1 (top level): must be a mapping with a `rotations:` list",
    ]);
    expect(parse("rotations: []\n").problems).toEqual(["rotations.yml:1:12 rotations: lists no rotations"]);
  });

  it("warns, without refusing, about coverage gaps", () => {
    const file = parseRotationsFile(VALID, "rotations.yml", new Date("2026-07-01T10:00:00Z"));
    expect(file.problems).toEqual([]);
    expect(file.warnings).toEqual([
      'rotation "follow-the-sun": shifts apac and emea overlap 07:00–08:00 UTC (1h) on Wed 1 Jul – Tue 7 Jul (every day)',
      'rotation "follow-the-sun": nobody is on duty 23:00–24:00 UTC (1h) on Wed 1 Jul – Tue 7 Jul (every day)',
    ]);
  });

  it("accepts the example file shipped with the bot", () => {
    const file = parseRotationsFile(
      readFileSync("rotations.example.yml", "utf8"),
      "rotations.example.yml",
      now,
    );
    expect(file.problems).toEqual([]);
    expect(file.rotations.map((r) => [r.name, r.shifts.map((s) => s.name)])).toEqual([
      ["follow-the-sun", ["apac", "emea", "amer"]],
      ["storage", ["day", "night", "weekend-night"]],
    ]);
    expect(file.rotations[0]?.shifts.map((s) => s.timeZone)).toEqual([
      "Asia/Seoul",
      "Europe/Dublin",
      "America/New_York",
    ]);
  });
});
