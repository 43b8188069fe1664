// The Slack call minimum the demo compares the bot with: each rule of MINIMUM_RULES on small
// scenarios whose right answer can be counted by hand.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { callsByMethod, economyModel, MINIMUM_RULES } from "../../../demo/call-economy.ts";
import { loadScenario } from "../../../demo/load-scenario.ts";
import { DEFAULT_SCENARIO } from "../../../demo/run-demo.ts";

const ROTATIONS = `rotations:
  - name: day-night
    promptBefore: 15m
    acceptWithin: 10m
    escalateTo: U0DMANAGER
    shifts:
      - { name: day, timeZone: UTC, start: "00:00", end: "12:00", commander: U0DALEXAAA }
      - { name: night, timeZone: UTC, start: "12:00", end: "24:00", commander: U0DBLAIRBB }
`;

function model(steps: string) {
  const dir = mkdtempSync(join(tmpdir(), "economy-"));
  writeFileSync(join(dir, "rotations.yml"), ROTATIONS);
  writeFileSync(
    join(dir, "scenario.yml"),
    `title: Economy
start: 2026-02-11T06:00:00Z
rotationsFile: rotations.yml
displayTimeZone: UTC
announceChannel: incidents
people:
  alex: { name: Alex, tz: UTC, id: U0DALEXAAA }
  blair: { name: Blair, tz: UTC, id: U0DBLAIRBB }
  morgan: { name: Morgan, tz: UTC, id: U0DMANAGER }
teams:
  big: { usergroup: S0DBIGTEAM, extra: 250 }
  crowd: { extra: 150 }
channels:
  general: { members: [alex, blair] }
steps:
${steps}`,
  );
  return economyModel(loadScenario(join(dir, "scenario.yml")));
}

describe("the minimum Slack calls of a scenario", () => {
  it("counts channels, invites per thousand, posts, and one update per state message that changes", () => {
    const { minimum, updatesByMessage } = model(`  - at: d1 06:01
    as: alex
    in: general
    command: declare Checkout down --sev 2
  - at: d1 06:02
    as: alex
    command: invite @big @blair
  - at: d1 06:03
    as: alex
    command: update Looking into it
  - at: d1 06:04
    as: alex
    command: service checkout outage --region us1
  - at: d1 06:05
    as: alex
    command: service checkout recovering --region us1 rolling back
  - at: d1 06:06
    as: alex
    command: sev 1 all regions
  - at: d1 06:07
    join: { team: crowd, count: 150 }
  - at: d1 06:08
    as: alex
    command: note nothing to post
`);
    expect(minimum).toEqual({
      "auth.test": 1,
      "conversations.create": 1,
      "conversations.setPurpose": 1,
      // When the channel opens, then SEV2 → SEV1.
      "conversations.setTopic": 2,
      // The summary, and the recovery board when it is first posted.
      "pins.add": 2,
      // The board's link in the summary.
      "chat.getPermalink": 1,
      // Alex at the declaration; 250 of @big plus Blair; 150 Join clicks in one step: one call
      // each, since Slack takes up to 1000 people per call.
      "conversations.invite": 1 + 1 + 1,
      "usergroups.users.list": 1,
      // Summary, announcement, the update and its reply in the announcement's thread, the board.
      "chat.postMessage": 5,
      // The announcement (the update; a board row appears; SEV1), the board (recovering), the
      // summary (the board's link appears; SEV1).
      "chat.update": 6,
      // Alex, Blair (invited by name) and the 150 who joined: the postmortem names them.
      "users.info": 152,
    });
    // The announcement's tally changes when a row appears, not when it goes outage → recovering.
    expect(updatesByMessage).toEqual({ announcement: 3, board: 1, summary: 2, topic: 1 });
  });

  it("counts handoff prompts, briefs, escalations while nobody accepts, and acceptance", () => {
    const { minimum, updatesByMessage } = model(`  - at: d1 11:00
    as: alex
    in: general
    command: declare Checkout down --sev 4 --rotation day-night
  - at: d1 11:45
    tick: the 12:00 handoff is prompted
  - at: d1 11:50
    as: alex
    brief:
      currentState: a
      triedOrRuledOut: b
      openActions: c
      risks: d
      nextCheckpoint: e
  - at: d1 12:25
    as: blair
    accept: true
`);
    // Summary, announcement, the handoff message, the brief DM, escalations at 12:10 and 12:20.
    expect(minimum["chat.postMessage"]).toBe(6);
    // The handoff message: briefed, escalated twice, accepted; command moves in summary and announcement.
    expect(updatesByMessage).toEqual({ "card:1": 4, summary: 1, announcement: 1, topic: 1 });
    expect(minimum["chat.update"]).toBe(6);
    // Alex (on duty) at the declaration; Blair when the handoff is prompted.
    expect(minimum["conversations.invite"]).toBe(2);
    expect(minimum["views.open"]).toBe(1);
  });

  it("counts an update reminder for each cadence without an update (SEV1: 30 minutes)", () => {
    const { minimum } = model(`  - at: d1 06:00
    as: alex
    in: general
    command: declare Checkout down --sev 1
  - at: d1 07:10
    as: alex
    command: update still on it
`);
    // Reminders at 06:30 and 07:00; summary, announcement, the update and its thread reply.
    expect(minimum["chat.postMessage"]).toBe(2 + 2 + 2);
  });

  it("explains every method it gives a minimum for, on the shipped scenario", () => {
    const { minimum } = economyModel(loadScenario(DEFAULT_SCENARIO));
    for (const method of Object.keys(minimum)) expect(MINIMUM_RULES[method]).toBeTruthy();
    expect(minimum["conversations.create"]).toBe(4);
  });

  it("counts the calls the bot made per method", () => {
    const call = (method: string) => ({ method, args: {}, ok: true, at: 0, receivedAt: 0 });
    expect(callsByMethod([call("chat.update"), call("auth.test"), call("chat.update")])).toEqual({
      "auth.test": 1,
      "chat.update": 2,
    });
  });
});
