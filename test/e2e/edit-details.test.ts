// Editing an incident's title and summary (issue 12 item 5), typed and through the form
// (signed `block_actions` and `view_submission`): recorded from → to, the topic, pinned
// summary and announcement follow, the channel keeps its name; a form opened before someone
// else's edit is refused instead of overwriting it; a closed incident answers clearly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, INPUTS, VIEWS } from "../../src/slack/ids.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { type DeclaredIncident, declareIncident } from "../support/declared-incident.ts";
import { eventually } from "../support/eventually.ts";
import { startSlackEmulator } from "../support/slack-emulator/index.ts";
import type { EphemeralRecord, ViewRecord } from "../support/slack-emulator/types.ts";
import { nothing, story } from "../support/story.ts";

describe("editing the title and summary", () => {
  let t: TestBot;
  let alex: string;
  let blair: string;
  let general: string;
  let announce: string;
  let incident: DeclaredIncident;
  let channel: string;

  const db = () => t.bot.deps.database.db;
  const say = async (text: string, user = alex) =>
    ((await t.driver.command(text, { user, channel })).json as { text: string }).text;
  const pinned = () => JSON.stringify(t.emulator.messages(channel).find((m) => m.pinned)?.blocks ?? []);
  const announcement = () => JSON.stringify(t.emulator.messages(announce)[0]?.blocks ?? []);
  const formOf = (user: string) =>
    eventually(() => {
      const view = t.emulator.views.findLast(
        (v) => v.user === user && v.open && v.view.callback_id === VIEWS.editDetails,
      );
      expect(view).toBeDefined();
      return view as ViewRecord;
    });
  /** A message with the *Edit title & summary* button, as another surface (the summary) would show it. */
  const editButton = (user: string): EphemeralRecord => ({
    ephemeral: true,
    channel,
    user,
    ts: "1.000001",
    text: "controls",
    blocks: [
      {
        type: "actions",
        block_id: "controls",
        elements: [
          {
            type: "button",
            action_id: ACTIONS.editDetails,
            text: { type: "plain_text", text: "Edit title & summary" },
            value: String(incident.id),
          },
        ],
      },
    ],
  });

  // Each step starts from the title and summary the earlier ones left (test/support/story.ts).
  const steps = story({
    typed: async () => {
      await say("title Search down in eu1 <and> us1");
      await say("summary Index shards lost after the 09:40 deploy");
    },
    form: async () => {
      await say("title Search outage in eu1");
      await say("summary Shards lost; restoring from snapshot");
    },
    stale: nothing,
  });

  beforeAll(async () => {
    const emulator = await startSlackEmulator();
    announce = emulator.addChannel({ name: "incidents" }).id;
    alex = emulator.addUser({ name: "alex" }).id;
    blair = emulator.addUser({ name: "blair" }).id;
    general = emulator.addChannel({ name: "general", members: [alex, blair] }).id;
    t = await startTestBot({ emulator, env: { INCIDENT_ANNOUNCE_CHANNEL: announce } });
    incident = await declareIncident(t, "Search slow --sev 3", { by: alex, from: general, joiners: [blair] });
    channel = incident.channel.id;
  });
  afterAll(async () => {
    await t.stop();
    await t.emulator.stop();
  });

  it("changes the title from text: recorded from → to, topic, summary and announcement follow, the name stays", async () => {
    await steps.begin("typed");
    const name = t.emulator.channel(channel)?.name;
    expect(await say("title Search down in eu1 <and> us1")).toContain(
      "title is now *Search down in eu1 &lt;and&gt; us1*",
    );
    await t.settle();
    expect(t.emulator.channel(channel)?.topic.value).toContain("Search down in eu1 &lt;and&gt; us1");
    for (const shown of [pinned(), announcement()]) {
      expect(shown).toContain("Search down in eu1");
      expect(shown).not.toContain("Search slow");
    }
    expect(t.emulator.channel(channel)?.name).toBe(name);
    const entry = await db().timelineEntry.findFirstOrThrow({
      where: { incidentId: incident.id, kind: "title_changed" },
    });
    expect(entry.data).toMatchObject({ from: "Search slow", to: "Search down in eu1 <and> us1" });
    expect(
      t.emulator
        .messages(channel)
        .map((m) => m.text)
        .join("\n"),
    ).toContain("Title changed from");

    expect(await say("summary Index shards lost after the 09:40 deploy")).toContain("summary is updated");
    await t.settle();
    expect(pinned()).toContain("Index shards lost after the 09:40 deploy");
    expect(announcement()).toContain("Index shards lost after the 09:40 deploy");
    expect(await say("title Search down in eu1 <and> us1")).toContain("nothing changed");
  });

  it("edits both from the form opened by the button, once per submission, with errors on the field", async () => {
    await steps.begin("form");
    await t.driver.clickButton({ user: blair, message: editButton(blair), actionId: ACTIONS.editDetails });
    const form = await formOf(blair);
    expect(JSON.stringify(form.view.blocks)).toContain("Index shards lost");
    const empty = await t.driver.submitView({
      view: form,
      values: { [INPUTS.title.block]: { [INPUTS.title.action]: "  " } },
    });
    expect(empty.json).toMatchObject({
      response_action: "errors",
      errors: { [INPUTS.title.block]: expect.stringMatching(/Give the incident a title/) },
    });
    const saved = await t.driver.submitView({
      view: form,
      values: {
        [INPUTS.title.block]: { [INPUTS.title.action]: "Search outage in eu1" },
        [INPUTS.summary.block]: { [INPUTS.summary.action]: "Shards lost; restoring from snapshot" },
      },
    });
    expect(saved.body).toBe("");
    await t.settle();
    expect(pinned()).toContain("Search outage in eu1");
    expect(pinned()).toContain("Shards lost; restoring from snapshot");
    const changes = await db().timelineEntry.count({
      where: { incidentId: incident.id, kind: { in: ["title_changed", "summary_changed"] } },
    });
    expect(changes).toBe(4);
  });

  it("refuses a form opened before someone else's edit, recording nothing", async () => {
    await steps.begin("stale");
    await t.driver.command("title", { user: blair, channel });
    const stale = await formOf(blair);
    expect(await say("title Search outage in eu1 and us1")).toContain("title is now");
    const refused = await t.driver.submitView({
      view: stale,
      values: { [INPUTS.title.block]: { [INPUTS.title.action]: "Search outage (blair's words)" } },
    });
    expect(refused.json).toMatchObject({
      response_action: "errors",
      errors: { [INPUTS.title.block]: expect.stringMatching(/Someone changed the title or summary/) },
    });
    expect((await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).title).toBe(
      "Search outage in eu1 and us1",
    );
    expect(t.emulator.violations).toEqual([]);
  });
});
