// A rotation whose shift names a user group: attaching it invites the group and records who is
// in it at that moment, so the postmortem counts the group's people as responders (issue 15),
// whether the rotation comes with the declaration or is attached later.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import { PEOPLE, SRE_GROUP, seedPeople, writeRotationsFile } from "../support/handoff-fixtures.ts";

const { riley, min, sean } = PEOPLE;

describe("a rotation's user groups", () => {
  let t: TestBot;
  let general: string;

  beforeAll(async () => {
    const { startSlackEmulator } = await import("../support/slack-emulator/index.ts");
    const emulator = await startSlackEmulator();
    seedPeople(emulator);
    t = await startTestBot({ emulator, env: { ROTATIONS_FILE: writeRotationsFile() } });
    general = t.emulator.addChannel({ name: "general", members: [riley.id] }).id;
  });
  afterAll(async () => {
    await t.stop();
    await t.emulator.stop();
  });

  /** The groups recorded on the incident's invites, with their members. */
  async function invitedGroups(incidentId: number) {
    const entries = await t.bot.deps.database.db.timelineEntry.findMany({
      where: { incidentId, kind: "people_invited" },
    });
    return entries.flatMap(
      (e) =>
        ((e.data as { groups?: { id: string; memberIds: string[] | null }[] }).groups ?? []) as {
          id: string;
          memberIds: string[] | null;
        }[],
    );
  }

  it("records the on-duty group's members when the rotation is attached later", async () => {
    // 06:00 UTC: the APAC shift, whose members are @sre (min and sean).
    const declared = await declareIncident(t, "Search down --sev 2", { by: riley.id, from: general });
    const reply = await t.driver.command("rotation follow-the-sun", {
      user: riley.id,
      channel: declared.channel.id,
    });
    expect((reply.json as { text: string }).text).toContain("follows rotation `follow-the-sun`");
    await t.settle();
    const groups = await invitedGroups(declared.id);
    expect(groups).toEqual([
      { id: SRE_GROUP, handle: null, memberIds: expect.arrayContaining([min.id, sean.id]) },
    ]);
    expect(t.emulator.channel(declared.channel.id)?.members.has(sean.id)).toBe(true);
  });

  it("records them too when the rotation comes with the declaration", async () => {
    const declared = await declareIncident(t, "Search down again --sev 2 --rotation follow-the-sun", {
      by: riley.id,
      from: general,
    });
    await t.settle();
    const groups = await invitedGroups(declared.id);
    expect(groups.map((g) => g.id)).toEqual([SRE_GROUP]);
    expect(groups[0]?.memberIds).toEqual(expect.arrayContaining([min.id, sean.id]));
  });
});
