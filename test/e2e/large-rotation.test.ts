// A rotation file with 1,000 people: validated at start-up quickly, and attaching it invites a
// whole shift (250 people) in invite calls Slack accepts, with every message within limits.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRotationsFile } from "../../src/domain/rotation/parse-file.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { writeRotationsFile } from "../support/handoff-fixtures.ts";
import { startSlackEmulator } from "../support/slack-emulator/index.ts";

const SHIFTS = [
  { name: "apac", zone: "Asia/Seoul", start: "09:00", end: "17:00" },
  { name: "emea", zone: "Europe/Dublin", start: "08:00", end: "16:00" },
  { name: "amer", zone: "America/New_York", start: "10:00", end: "18:00" },
  { name: "night", zone: "UTC", start: "23:00", end: "07:00" },
];
const userId = (n: number) => `U${String(n).padStart(10, "0")}`;

function bigRotation(): string {
  const lines = [
    "rotations:",
    "  - name: everyone",
    "    promptBefore: 15m",
    "    acceptWithin: 10m",
    `    escalateTo: ${userId(1000)}`,
    "    shifts:",
  ];
  SHIFTS.forEach((shift, s) => {
    const people = Array.from({ length: 250 }, (_, i) => userId(s * 250 + i + 1));
    lines.push(
      `      - name: ${shift.name}`,
      `        timeZone: ${shift.zone}`,
      `        start: "${shift.start}"`,
      `        end: "${shift.end}"`,
      `        commander: ${people[0]}`,
      `        deputies: [${people.slice(1, 4).join(", ")}]`,
      "        leads:",
      ...["us1", "us3", "us5", "eu1", "ap1"].map((region, r) => `          ${region}: ${people[4 + r]}`),
      `        members: [${people.slice(9).join(", ")}]`,
    );
  });
  return `${lines.join("\n")}\n`;
}

describe("a rotation with 1,000 people", () => {
  let t: TestBot;
  const yaml = bigRotation();

  beforeAll(async () => {
    const emulator = await startSlackEmulator();
    for (let n = 1; n <= 1000; n++) emulator.addUser({ id: userId(n), name: `person${n}` });
    t = await startTestBot({ emulator, env: { ROTATIONS_FILE: writeRotationsFile(yaml) } });
  });
  afterAll(async () => {
    await t.stop();
    await t.emulator.stop();
  });

  it("validates the file, coverage included, in well under a second", () => {
    const started = performance.now();
    const heap = process.memoryUsage().heapUsed;
    const parsed = parseRotationsFile(yaml, "big.yml", new Date("2026-03-08T06:00:00Z"));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(100 * 1024 * 1024);
    expect(JSON.stringify(parsed)).toContain("everyone");
  });

  it("attaches it to an incident and invites the 250 people on duty in batches of 100", async () => {
    const ic = userId(1);
    const general = t.emulator.addChannel({ name: "general", members: [ic] }).id;
    await t.driver.command("declare Everyone on deck --sev 1", { user: ic, channel: general });
    await t.settle();
    const channel = t.emulator.channelByName("inc-1-everyone-on-deck")!;
    const reply = await t.driver.command("rotation everyone", { user: ic, channel: channel.id });
    expect((reply.json as { text: string }).text).toContain("follows rotation `everyone`");
    await t.settle();
    // 06:00 UTC on 8 March: the night shift (people 751–1000) is on duty.
    const members = t.emulator.channel(channel.id)!.members;
    for (const n of [751, 800, 1000]) expect(members.has(userId(n))).toBe(true);
    const invites = t.emulator.callsTo("conversations.invite").filter((c) => c.args.channel === channel.id);
    expect(invites.every((c) => String(c.args.users).split(",").length <= 100)).toBe(true);
    const shifts = await t.driver.command("shifts", { user: ic, channel: channel.id });
    expect(shifts.status).toBe(200);
    expect(t.emulator.violations).toEqual([]);
  });
});
