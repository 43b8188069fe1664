// A rotation file with 1,000 people: validated at start-up, and attaching it invites a whole
// shift (250 people) in one invite call (Slack takes up to 1000), with every message within
// limits; someone who left the workspace does not keep the other 249 out. How fast
// the file parses, and in how much memory, is `npm run bench` (section 6).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRotationsFile } from "../../src/domain/rotation/parse-file.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import { writeRotationsFile } from "../support/handoff-fixtures.ts";
import { largeRotationUserId, largeRotationYaml } from "../support/large-rotation.ts";
import { startSlackEmulator } from "../support/slack-emulator/index.ts";

const userId = largeRotationUserId;
const GONE = 900;

describe("a rotation with 1,000 people", () => {
  let t: TestBot;
  const yaml = largeRotationYaml();

  beforeAll(async () => {
    const emulator = await startSlackEmulator();
    // Person 900 has left the workspace since the rotation file was written.
    for (let n = 1; n <= 1000; n++) if (n !== GONE) emulator.addUser({ id: userId(n), name: `person${n}` });
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

  it("attaches it to an incident and invites the 249 people on duty who can be, in one call", async () => {
    const ic = userId(1);
    const general = t.emulator.addChannel({ name: "general", members: [ic] }).id;
    const { channel } = await declareIncident(t, "Everyone on deck --sev 1", { by: ic, from: general });
    const reply = await t.driver.command("rotation everyone", { user: ic, channel: channel.id });
    expect((reply.json as { text: string }).text).toContain("follows rotation `everyone`");
    await t.settle();
    // 06:00 UTC on 8 March: the night shift (people 751–1000) is on duty.
    const members = t.emulator.channel(channel.id)!.members;
    for (const n of [751, 800, 1000]) expect(members.has(userId(n))).toBe(true);
    expect(members.has(userId(GONE))).toBe(false);
    const invites = t.emulator.callsTo("conversations.invite").filter((c) => c.args.channel === channel.id);
    const shiftInvite = invites.filter((c) => String(c.args.users).includes(userId(800)));
    expect(shiftInvite).toHaveLength(1);
    expect(String(shiftInvite[0]?.args.users).split(",").length).toBeGreaterThanOrEqual(249);
    expect(shiftInvite[0]?.args.force).toBeTruthy();
    const shifts = await t.driver.command("shifts", { user: ic, channel: channel.id });
    expect(shifts.status).toBe(200);
    expect(t.emulator.violations).toEqual([]);
  });
});
