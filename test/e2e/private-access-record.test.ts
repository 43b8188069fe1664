// A private incident keeps an access record: every action that brought people into its channel
// (declaring, an invite with a user group, a rotation's shift, a role, a handoff) is one line
// with who, by whom and when, on that action's line of the timeline and in the draft, which
// only the channel's members see. A public incident's draft has no such section.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { type DeclaredIncident, declareIncident } from "../support/declared-incident.ts";
import { PEOPLE, SRE_GROUP, seedPeople, writeRotationsFile } from "../support/handoff-fixtures.ts";
import { typedPostmortemDraft } from "../support/postmortem-draft.ts";
import type { SlackEmulator } from "../support/slack-emulator/emulator.ts";

const { riley, kim, usapac, aoife, jo, sam, morgan } = PEOPLE;

describe("the access record of a private incident", () => {
  let t: TestBot;
  let incident: DeclaredIncident;
  let general: string;

  const run = (text: string) => t.driver.command(text, { user: riley.id, channel: incident.channel.id });

  const draftOf = (channel: string) => typedPostmortemDraft(t, riley.id, channel);

  beforeAll(async () => {
    const { startSlackEmulator } = await import("../support/slack-emulator/index.ts");
    const emulator: SlackEmulator = await startSlackEmulator();
    seedPeople(emulator);
    t = await startTestBot({ emulator, env: { ROTATIONS_FILE: writeRotationsFile() } });
    general = t.emulator.addChannel({ name: "general", members: [riley.id] }).id;
    incident = await declareIncident(t, "Payroll exposure --sev 1 --private", {
      by: riley.id,
      from: general,
    });
    await t.advance("5m");
    await run(`invite <@${jo.id}> <@${sam.id}> <!subteam^${SRE_GROUP}|@sre>`);
    await t.advance("5m");
    await run("rotation follow-the-sun --confirm");
    await t.advance("5m");
    await run(`role comms <@${aoife.id}>`);
    await t.advance("5m");
    await run(`handoff <@${morgan.id}>`);
    await t.settle();
  });
  afterAll(async () => {
    await t.stop();
    await t.emulator.stop();
  });

  it("shows who each action added, by whom, on that action's line of the timeline", async () => {
    const view = JSON.stringify((await run("timeline --all")).json);
    // One line per action, people counted (with the group's members), never one per person.
    expect(view).toContain(":key: Added 4 people (1 group: @sre)");
    expect(view).toContain(`:key: Added <@${riley.id}> at the declaration`);
    expect(view).toContain(`:key: Added <@${kim.id}>, <@${usapac.id}> from rotation \`follow-the-sun\``);
    expect(view).toContain(`:key: Added <@${aoife.id}> as communications lead`);
    expect(view).toContain(`:key: Added <@${morgan.id}> for a handoff of incident commander`);
  });

  it("lists the access record in the draft, which goes only to the incident's own channel", async () => {
    const markdown = await draftOf(incident.channel.id);
    const section = markdown.slice(markdown.indexOf("### Access record"));
    expect(markdown).toContain("### Access record");
    expect(section).toMatch(/\| 06:05 UTC [^\n]*\| Added 4 people \(1 group: @sre\) \| riley \|/);
    expect(section).toContain("| Added kim, usapac from rotation `follow-the-sun` | riley |");
    expect(section).toContain("| Added aoife as communications lead | riley |");
    expect(section).toContain("| Added morgan for a handoff of incident commander | riley |");
    const upload = t.emulator.files().find((f) => f.filename.endsWith(".md"));
    expect(upload?.channels).toEqual([incident.channel.id]);
    expect(t.emulator.violations).toEqual([]);
  });

  it("keeps the record out of a public incident's draft and timeline", async () => {
    const open = await declareIncident(t, "Checkout slow --sev 3", { by: riley.id, from: general });
    await t.driver.command(`invite <@${jo.id}>`, { user: riley.id, channel: open.channel.id });
    await t.settle();
    const view = JSON.stringify(
      (await t.driver.command("timeline --all", { user: riley.id, channel: open.channel.id })).json,
    );
    expect(view).toContain("Invited");
    expect(view).not.toContain(":key:");
    expect(await draftOf(open.channel.id)).not.toContain("Access record");
  });
});
