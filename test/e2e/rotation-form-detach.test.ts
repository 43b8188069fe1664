// Rotations from the declare form and detaching them (issue 12 item 7), through signed
// `view_submission` payloads and commands: the form offers the configured rotations; choosing
// one attaches the new incident (its shift on duty invited); a private incident is refused on
// the field (it asks first, in its channel); an unknown rotation is refused and nothing is
// declared; `rotation detach` stops the prompts, only for the commander or an admin, recorded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INPUTS, VIEWS } from "../../src/slack/ids.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import { eventually, present } from "../support/eventually.ts";
import { PEOPLE, seedPeople, writeRotationsFile } from "../support/handoff-fixtures.ts";
import type { ViewRecord } from "../support/slack-emulator/types.ts";

const { riley, kim, aoife } = PEOPLE;

describe("rotations from the declare form, and detaching them", () => {
  let t: TestBot;
  let general: string;

  const db = () => t.bot.deps.database.db;
  const openForm = async () => {
    await t.driver.command("declare", { user: riley.id, channel: general });
    return eventually(() => {
      const view = t.emulator.views.findLast(
        (v) => v.user === riley.id && v.open && v.view.callback_id === VIEWS.declare,
      );
      expect(view).toBeDefined();
      return view as ViewRecord;
    });
  };
  const rotationOptions = (view: ViewRecord) =>
    (
      (view.view.blocks as { block_id?: string; element?: { options?: { value: string }[] } }[]).find(
        (b) => b.block_id === INPUTS.rotation.block,
      )?.element?.options ?? []
    ).map((o) => o.value);
  const reply = async (text: string, channel: string, user: string = riley.id) =>
    ((await t.driver.command(text, { user, channel })).json as { text: string }).text;

  beforeAll(async () => {
    const { startSlackEmulator } = await import("../support/slack-emulator/index.ts");
    const emulator = await startSlackEmulator();
    seedPeople(emulator);
    t = await startTestBot({ emulator, env: { ROTATIONS_FILE: writeRotationsFile() } });
    general = t.emulator.addChannel({ name: "general", members: [riley.id, aoife.id] }).id;
  });
  afterAll(async () => {
    await t.stop();
    await t.emulator.stop();
  });

  it("refuses a private incident with a rotation on the field, declaring nothing", async () => {
    const form = await openForm();
    expect(rotationOptions(form)).toContain("follow-the-sun");
    const before = await db().incident.count();
    const refused = await t.driver.submitView({
      view: form,
      values: {
        [INPUTS.title.block]: { [INPUTS.title.action]: "Payroll exposure" },
        [INPUTS.private.block]: { [INPUTS.private.action]: ["private"] },
        [INPUTS.rotation.block]: { [INPUTS.rotation.action]: "follow-the-sun" },
      },
    });
    expect(refused.json).toMatchObject({
      response_action: "errors",
      errors: { [INPUTS.rotation.block]: expect.stringMatching(/private incident asks before a rotation/) },
    });
    expect(await db().incident.count()).toBe(before);
  });

  it("attaches the new incident to the rotation chosen in the form, and detaches it on the commander's word", async () => {
    const form = await openForm();
    const submitted = await t.driver.submitView({
      view: form,
      values: {
        [INPUTS.title.block]: { [INPUTS.title.action]: "Ledger sync stalled" },
        [INPUTS.rotation.block]: { [INPUTS.rotation.action]: "follow-the-sun" },
      },
    });
    expect(submitted.body).toBe("");
    await t.settle();
    const incident = await db().incident.findFirstOrThrow({ where: { title: "Ledger sync stalled" } });
    expect(incident.rotation).toBe("follow-the-sun");
    const channel = incident.channelId as string;
    // The APAC shift on duty at 06:00 UTC is invited.
    expect(t.emulator.channel(channel)?.members.has(kim.id)).toBe(true);

    t.emulator.joinChannel(channel, aoife.id);
    expect(await reply("rotation detach", channel, aoife.id)).toContain(
      `Only the incident commander (<@${riley.id}>) or an incident admin`,
    );
    expect(await reply("rotation detach other-rotation", channel)).toContain(
      "attached to `follow-the-sun`, not `other-rotation`",
    );
    expect(await reply("rotation detach follow-the-sun", channel)).toContain(
      "no longer follows rotation `follow-the-sun`",
    );
    const after = await db().incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(after.rotation).toBeNull();
    const entry = await db().timelineEntry.findFirstOrThrow({
      where: { incidentId: incident.id, kind: "rotation_detached" },
    });
    expect(entry).toMatchObject({ actorId: riley.id });
    await t.settle();
    expect(
      t.emulator
        .messages(channel)
        .map((m) => m.text)
        .join("\n"),
    ).toContain("Detached from rotation");
    expect(await reply("rotation detach", channel)).toContain("not attached to a rotation");
    expect(t.emulator.violations).toEqual([]);
  });

  it("cancels the handoff the rotation had already asked for, and updates its card", async () => {
    const { channel, id } = await declareIncident(
      t,
      "Ledger sync stalled again --sev 3 --rotation follow-the-sun",
      {
        by: riley.id,
        from: general,
      },
    );
    // 07:46 UTC: the prompt for the 08:00 APAC → EMEA boundary has gone out.
    await t.setClock("2026-03-08T07:46:00Z");
    await t.settle();
    const prompted = await eventually(async () =>
      present(
        await db().handoff.findFirst({ where: { incidentId: id, state: "prompted" } }),
        "a prompted handoff",
      ),
    );
    const cardsBefore = t.emulator.callsTo("chat.update").length;
    expect(await reply("rotation detach", channel.id)).toContain(
      "no longer follows rotation `follow-the-sun`",
    );
    expect((await db().handoff.findUniqueOrThrow({ where: { id: prompted.id } })).state).toBe("cancelled");
    await t.settle();
    expect(t.emulator.callsTo("chat.update").length).toBeGreaterThan(cardsBefore);
    expect(t.emulator.violations).toEqual([]);
  });
});
