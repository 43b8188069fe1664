// Action items you can manage (issue 12 item 6), through signed commands, `block_actions` and
// `view_submission`: the owner hears about it in a DM; `action list` shows the items with
// buttons; done / reassign / edit work from text and from the buttons and the form, each
// recorded once; the postmortem shows which are done; a private incident's DM says nothing
// of it to an owner outside its channel.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, INPUTS, VIEWS } from "../../src/slack/ids.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { type DeclaredIncident, declareIncident } from "../support/declared-incident.ts";
import { eventually } from "../support/eventually.ts";
import type { EphemeralRecord, ViewRecord } from "../support/slack-emulator/types.ts";
import { nothing, story } from "../support/story.ts";

describe("action items you can manage", () => {
  let t: TestBot;
  let alex: string;
  let blair: string;
  let casey: string;
  let general: string;
  let incident: DeclaredIncident;
  let channel: string;

  const db = () => t.bot.deps.database.db;
  const say = async (text: string, user = alex, where = channel) => {
    const response = await t.driver.command(text, { user, channel: where });
    return response.json as { text: string; blocks?: unknown[] };
  };
  const dmTexts = (user: string) => t.emulator.dms(user).map((m) => m.text);
  /** The command's answer as the ephemeral message the person sees (buttons included). */
  const shown = (reply: { text: string; blocks?: unknown[] }, user = alex): EphemeralRecord => ({
    ephemeral: true,
    channel,
    user,
    ts: "1.000001",
    text: reply.text,
    ...(reply.blocks ? { blocks: reply.blocks } : {}),
  });
  const items = () =>
    db().actionItem.findMany({ where: { incidentId: incident.id }, orderBy: { id: "asc" } });

  // Each step relies on the items the earlier ones left (see test/support/story.ts).
  const steps = story({
    "managed from text": async () => {
      await say(`action Rotate the API keys --owner <@${blair}>`);
      await say("action Alert on 5xx rate per region");
      await say(`action Write the &lt;runbook&gt; --owner <@${alex}>`);
      await say("action done 2", blair);
      await say(`action reassign 3 <@${casey}>`);
      await say("action edit 1 Rotate the API and signing keys");
      await say("action Done criteria for the rollback checklist");
      await t.settle();
    },
    // What later steps need of it: item 1 done.
    "managed from buttons": () => say("action done 1", blair),
    postmortem: nothing,
    "private incident": nothing,
  });

  beforeAll(async () => {
    t = await startTestBot();
    alex = t.emulator.addUser({ name: "alex" }).id;
    blair = t.emulator.addUser({ name: "blair" }).id;
    casey = t.emulator.addUser({ name: "casey" }).id;
    general = t.emulator.addChannel({ name: "general", members: [alex, blair, casey] }).id;
    incident = await declareIncident(t, "Payments failing --sev 2", {
      by: alex,
      from: general,
      joiners: [blair],
    });
    channel = incident.channel.id;
  });
  afterAll(() => t.stop());

  it("tells the owner in a DM, lists the items with buttons, and manages them from text", async () => {
    await steps.begin("managed from text");
    expect((await say(`action Rotate the API keys --owner <@${blair}>`)).text).toContain("Action item 1");
    await say("action Alert on 5xx rate per region");
    await say(`action Write the &lt;runbook&gt; --owner <@${alex}>`);
    await t.settle();
    // The owner hears about it; giving oneself an item sends no DM.
    expect(dmTexts(blair).join("\n")).toMatch(
      /You were given an action item of INC-\d+.*Rotate the API keys/,
    );
    expect(dmTexts(alex).join("\n")).not.toContain("Write the");

    const list = await say("action list", blair);
    const body = JSON.stringify(list.blocks);
    expect(body).toContain("3 open, 0 done");
    expect(body).toContain("Write the &lt;runbook&gt;");
    expect(body).toContain(ACTIONS.actionItemDone);

    expect((await say("action done 2", blair)).text).toMatch(/Action item 2 of INC-\d+ is done/);
    expect((await say(`action reassign 3 <@${casey}>`)).text).toMatch(/is now <@\w+>'s/);
    expect((await say("action edit 1 Rotate the API and signing keys")).text).toContain(
      "now reads “Rotate the API and signing keys”",
    );
    // Again: nothing changes, and it says so.
    expect((await say("action done 2")).text).toContain("nothing changed");
    // Bad input answers clearly and records nothing.
    expect((await say("action done 9")).text).toContain("There is no action item 9: this incident has 3");
    expect((await say("action reassign 1 bob")).text).toContain("Say who owns it now");
    // Text that merely starts with a verb is still a new item.
    await say("action Done criteria for the rollback checklist");

    const stored = await items();
    expect(stored.map((i) => [i.text, i.status, i.ownerId])).toEqual([
      ["Rotate the API and signing keys", "open", blair],
      ["Alert on 5xx rate per region", "done", null],
      ["Write the <runbook>", "open", casey],
      ["Done criteria for the rollback checklist", "open", null],
    ]);
    await t.settle();
    expect(dmTexts(casey).join("\n")).toMatch(/You were given action item 3 of INC-\d+/);
    const kinds = await db().timelineEntry.findMany({
      where: { incidentId: incident.id, kind: { in: ["action_done", "action_reassigned", "action_edited"] } },
      orderBy: { id: "asc" },
    });
    expect(kinds.map((k) => k.kind)).toEqual(["action_done", "action_reassigned", "action_edited"]);
    // Said in the channel too.
    expect(
      t.emulator
        .messages(channel)
        .map((m) => m.text)
        .join("\n"),
    ).toMatch(/Action item 2 .*done/);
  });

  it("marks done from the list's button and edits and reassigns from the form", async () => {
    await steps.begin("managed from buttons");
    const list = await say("action list", blair);
    const message = shown(list, blair);
    const [first] = await items();
    await t.driver.clickButton({
      user: blair,
      message,
      actionId: ACTIONS.actionItemDone,
      value: `${incident.id}:${first?.id}`,
    });
    const refreshed = await eventually(() => {
      const latest = t.emulator
        .ephemerals(channel)
        .filter((e) => e.user === blair)
        .at(-1);
      expect(latest?.text).toContain("Action item 1");
      return latest as EphemeralRecord;
    });
    expect(JSON.stringify(refreshed.blocks)).toContain("2 open, 2 done");
    expect((await items())[0]?.status).toBe("done");

    const [, , third] = await items();
    await t.driver.clickButton({
      user: blair,
      message: refreshed,
      actionId: ACTIONS.actionItemEdit,
      value: `${incident.id}:${third?.id}`,
    });
    const form = await eventually(() => {
      const view = t.emulator.views.findLast(
        (v) => v.user === blair && v.open && v.view.callback_id === VIEWS.editActionItem,
      );
      expect(view).toBeDefined();
      return view as ViewRecord;
    });
    // An empty text is refused on its field; nothing recorded.
    const empty = await t.driver.submitView({
      view: form,
      values: { [INPUTS.actionText.block]: { [INPUTS.actionText.action]: " " } },
    });
    expect(empty.json).toMatchObject({
      response_action: "errors",
      errors: { [INPUTS.actionText.block]: expect.stringMatching(/Say what needs doing/) },
    });
    const saved = await t.driver.submitView({
      view: form,
      values: {
        [INPUTS.actionText.block]: { [INPUTS.actionText.action]: "Write and review the runbook" },
        [INPUTS.actionOwner.block]: { [INPUTS.actionOwner.action]: alex },
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toBe("");
    const after = (await items())[2];
    expect([after?.text, after?.ownerId]).toEqual(["Write and review the runbook", alex]);
    await t.settle();
    // Given to someone else by blair: they hear about it.
    expect(dmTexts(alex).join("\n")).toMatch(
      /You were given action item 3 of INC-\d+.*Write and review the runbook/,
    );
    expect(t.emulator.violations).toEqual([]);
  });

  it("the postmortem draft shows which items are done", async () => {
    await steps.begin("postmortem");
    await say("postmortem");
    await t.settle();
    const file = t.emulator.files().findLast((f) => f.filename.includes("postmortem"));
    const markdown = file?.bytes?.toString("utf8") ?? "";
    expect(markdown).toMatch(/\| 1 \| Rotate the API and signing keys \| .* \| done \|/);
    expect(markdown).toMatch(/\| 4 \| Done criteria for the rollback checklist \| _unassigned_ \| open \|/);
  });

  it("a private incident's DM does not say what the item is; outsiders cannot use its buttons", async () => {
    await steps.begin("private incident");
    const secret = await declareIncident(t, "Credential leak --private --sev 1", { by: alex, from: general });
    const secretChannel = secret.channel.id;
    await say(`action Revoke leaked tokens --owner <@${casey}>`, alex, secretChannel);
    await t.settle();
    const dm = dmTexts(casey).at(-1) ?? "";
    expect(dm).toContain("private incident");
    expect(dm).not.toContain("Revoke");
    expect(dm).not.toContain("Credential");

    // A list button of the private incident clicked by casey, who is not in its channel (a
    // copied message, a forged payload): the answer reveals nothing about it.
    const fake = {
      ...shown(
        {
          text: "x",
          blocks: [
            {
              type: "actions",
              block_id: "controls",
              elements: [
                {
                  type: "button",
                  action_id: ACTIONS.listActionItems,
                  text: { type: "plain_text", text: "Action items" },
                  value: String(secret.id),
                },
              ],
            },
          ],
        },
        casey,
      ),
      channel: general,
    };
    await t.driver.clickButton({ user: casey, message: fake, actionId: ACTIONS.listActionItems });
    const answer = await eventually(() => {
      const latest = t.emulator
        .ephemerals(general)
        .filter((e) => e.user === casey)
        .at(-1);
      expect(latest).toBeDefined();
      return latest as EphemeralRecord;
    });
    expect(answer.text).toContain("no longer exists");
    expect(JSON.stringify(answer)).not.toContain("Revoke");
  });
});
