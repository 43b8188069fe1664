// A rotation file with 1,000 people: validated at start-up, and attaching it invites a whole
// shift (250 people) in invite calls Slack accepts, with every message within limits. How fast
// the file parses, and in how much memory, is `npm run bench` (section 6).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRotationsFile } from "../../src/domain/rotation/parse-file.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import { writeRotationsFile } from "../support/handoff-fixtures.ts";
import { largeRotationUserId, largeRotationYaml } from "../support/large-rotation.ts";
import { startSlackEmulator } from "../support/slack-emulator/index.ts";

const userId = largeRotationUserId;

describe("a rotation with 1,000 people", () => {
  let t: TestBot;
  const yaml = largeRotationYaml();

  beforeAll(async () => {
    const emulator = await startSlackEmulator();
    for (let n = 1; n <= 1000; n++) emulator.addUser({ id: userId(n), name: `person${n}` });
    t = await startTestBot({ emulator, env: { ROTATIONS_FILE: writeRotationsFile(yaml) } });
  });
  afterAll(async () => {
    await t.stop();
    await t.emulator.stop();
  });

  it("validates the file, coverage included", () => {
    const parsed = parseRotationsFile(yaml, "big.yml", new Date("2026-03-08T06:00:00Z"));
    expect(JSON.stringify(parsed)).toContain("everyone");
  });

  it("attaches it to an incident and invites the 250 people on duty in batches of 100", async () => {
    const ic = userId(1);
    const general = t.emulator.addChannel({ name: "general", members: [ic] }).id;
    const { channel } = await declareIncident(t, "Everyone on deck --sev 1", { by: ic, from: general });
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
