// Attaching a rotation to a private (need-to-know) incident asks first: it lists who would be
// added and changes nothing; confirmed, it adds the people the rotation names but not its user
// groups; whole groups come in only when the commander (or an admin) confirms them too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { type DeclaredIncident, declareIncident } from "../support/declared-incident.ts";
import { PEOPLE, SRE_GROUP, seedPeople, writeRotationsFile } from "../support/handoff-fixtures.ts";

const { riley, kim, min, sean, usapac, aoife } = PEOPLE;

describe("attaching a rotation to a private incident", () => {
  let t: TestBot;
  let first: DeclaredIncident;
  let second: DeclaredIncident;

  beforeAll(async () => {
    const { startSlackEmulator } = await import("../support/slack-emulator/index.ts");
    const emulator = await startSlackEmulator();
    seedPeople(emulator);
    t = await startTestBot({ emulator, env: { ROTATIONS_FILE: writeRotationsFile() } });
    const general = t.emulator.addChannel({ name: "general", members: [riley.id, aoife.id] }).id;
    // 06:00 UTC: the APAC shift (kim, deputy min, us1 lead usapac, members @sre = min, sean).
    first = await declareIncident(t, "Payroll exposure --sev 1 --private", { by: riley.id, from: general });
    second = await declareIncident(t, "Payroll exposure two --sev 1 --private", {
      by: riley.id,
      from: general,
      joiners: [aoife.id],
    });
  });
  afterAll(async () => {
    await t.stop();
    await t.emulator.stop();
  });

  const reply = async (text: string, channel: string, user: string = riley.id) =>
    ((await t.driver.command(text, { user, channel })).json as { text: string }).text;
  const members = (channel: string) => t.emulator.channel(channel)?.members ?? new Set<string>();

  it("lists who would be added and changes nothing until confirmed", async () => {
    const preview = await reply("rotation follow-the-sun", first.channel.id);
    expect(preview).toContain("This incident is private");
    expect(preview).toContain(`<@${kim.id}>`);
    expect(preview).toContain(`<!subteam^${SRE_GROUP}>`);
    expect(preview).toContain("Nothing has changed yet");
    expect(preview).toContain("/incident rotation follow-the-sun --confirm");
    await t.settle();
    expect(members(first.channel.id).has(kim.id)).toBe(false);
    const row = await t.bot.deps.database.db.incident.findUniqueOrThrow({ where: { id: first.id } });
    expect(row.rotation).toBeNull();
  });

  it("confirmed, adds the people it names but not the shift's user group", async () => {
    const attached = await reply("rotation follow-the-sun --confirm", first.channel.id);
    expect(attached).toContain("follows rotation `follow-the-sun`");
    expect(attached).toContain(`<!subteam^${SRE_GROUP}> was not invited`);
    await t.settle();
    const now = members(first.channel.id);
    for (const person of [kim, min, usapac]) expect(now.has(person.id), person.id).toBe(true);
    // Sean is on the shift only through @sre.
    expect(now.has(sean.id)).toBe(false);
  });

  it("brings in whole groups only when the commander confirms them", async () => {
    const refused = await reply(
      "rotation follow-the-sun --confirm --with-groups",
      second.channel.id,
      aoife.id,
    );
    expect(refused).toContain(`Only the incident commander (<@${riley.id}>) or an incident admin`);
    const attached = await reply("rotation follow-the-sun --confirm --with-groups", second.channel.id);
    expect(attached).toContain("follows rotation `follow-the-sun`");
    await t.settle();
    expect(members(second.channel.id).has(sean.id)).toBe(true);
    expect(await reply("rotation follow-the-sun --with-groups", second.channel.id)).toContain(
      "`--with-groups` goes with `--confirm`",
    );
    expect(t.emulator.violations).toEqual([]);
  });
});
