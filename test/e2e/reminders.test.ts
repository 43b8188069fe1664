// Update reminders with the simulated clock: due exactly on the cadence, posted once to whoever
// holds comms now (else the current commander) with Post update and Snooze buttons; snoozes and
// updates push them back; resolution stops them. The buttons check who clicked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INPUTS, VIEWS } from "../../src/slack/ids.ts";
import type { TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import { eventually, present } from "../support/eventually.ts";
import { startSimTestBot } from "../support/sim-emulator.ts";
import { FORM } from "../support/slack-driver.ts";
import { viewSubmissionPayload } from "../support/slack-emulator/interaction-payloads.ts";
import type { MessageRecord } from "../support/slack-emulator/types.ts";
import { nothing, story } from "../support/story.ts";

describe("update reminders", () => {
  let t: TestBot & { announce: string | undefined };
  let alex: string;
  let blair: string;
  let casey: string;
  let outsider: string;
  let general: string;
  let channel: string;
  let incidentId: number;

  const db = () => t.bot.deps.database.db;
  const reminders = (): MessageRecord[] =>
    t.emulator.messages(channel).filter((m) => m.text.startsWith("Reminder: no status update"));
  const command = (text: string, user = alex, where = channel) =>
    t.driver.command(text, { user, channel: where });
  const clock = () => t.bot.clock.now().toISOString();
  const answerTo = (click: { responseUrl?: string }) =>
    eventually(() => {
      const answers = t.emulator.responsesTo(click.responseUrl!);
      expect(answers).not.toEqual([]);
      return JSON.stringify(answers);
    });

  beforeAll(async () => {
    t = await startSimTestBot();
    alex = t.emulator.addUser({ name: "alex" }).id;
    blair = t.emulator.addUser({ name: "blair" }).id;
    casey = t.emulator.addUser({ name: "casey" }).id;
    outsider = t.emulator.addUser({ name: "outsider" }).id;
    general = t.emulator.addChannel({ name: "general", members: [alex, blair, casey, outsider] }).id;
    const incident = await declareIncident(t, "Login failures --sev 1", {
      by: alex,
      from: general,
      joiners: [blair, casey],
    });
    channel = incident.channel.id;
    incidentId = incident.id;
    await command(`role comms <@${casey}|casey>`);
    await t.settle();
  });
  afterAll(() => t.stop());

  // What each test leaves that a later one relies on (test/support/story.ts): the first
  // reminder (06:30), then one snooze and the second reminder (06:45:01).
  const steps = story({
    reminded: async () => {
      await t.advance("30m");
      await t.advance("1s");
    },
    snoozed: async () => {
      const click = await t.driver.clickButton({
        user: blair,
        message: reminders().at(-1)!,
        actionId: "reminder.snooze.15",
      });
      await answerTo(click);
      await t.settle();
      await t.advance("15m");
    },
    "buttons refused": nothing,
    "update from the form": nothing,
    "commander reminded, none after resolution": nothing,
  });

  it("reminds the comms holder exactly at the SEV1 cadence, once, with the buttons", async () => {
    await steps.begin("reminded");
    await t.advance("29m");
    expect(reminders()).toHaveLength(0);
    await t.advance("1m");
    expect(clock()).toBe("2026-03-08T06:30:00.000Z");
    expect(reminders()).toHaveLength(1);
    const [reminder] = reminders();
    const shown = JSON.stringify(reminder?.blocks);
    expect(shown).toContain(`<@${casey}>, no status update since the incident was declared *30m* ago`);
    expect(shown).not.toContain(`<@${alex}>`);
    for (const label of ["Post update", "Snooze 15 min", "Snooze 30 min", "Snooze 60 min"])
      expect(shown).toContain(label);
    // Still once, however often the scheduler looks again at the same instant.
    await t.advance("1s");
    expect(reminders()).toHaveLength(1);
    const recorded = await db().timelineEntry.findMany({ where: { incidentId, kind: "reminder_sent" } });
    expect(recorded.map((r) => r.data)).toEqual([
      expect.objectContaining({ dueAt: "2026-03-08T06:30:00.000Z", toUserId: casey, severity: 1 }),
    ]);
    expect(t.emulator.violations).toEqual([]);
  });

  it("snoozes from the button (a double click snoozes once) and stays quiet until the snooze ends", async () => {
    await steps.begin("snoozed");
    const reminder = reminders().at(-1)!;
    const first = await t.driver.clickButton({
      user: blair,
      message: reminder,
      actionId: "reminder.snooze.15",
    });
    const second = await t.driver.clickButton({
      user: blair,
      message: reminder,
      actionId: "reminder.snooze.15",
    });
    // Buttons are acknowledged first and handled after: wait for the answers.
    expect(await answerTo(first)).toContain("snoozed until 06:45 UTC");
    expect(await answerTo(second)).toContain("snoozed until 06:45 UTC");
    await t.settle();
    expect(await db().timelineEntry.count({ where: { incidentId, kind: "reminder_snoozed" } })).toBe(1);
    // Acknowledged in the reminder's thread, not in the channel.
    const inThread = t.emulator.messages(channel).filter((m) => m.threadTs === reminder.ts);
    expect(inThread).toHaveLength(1);
    expect(inThread[0]?.text).toContain(`<@${blair}> snoozed update reminders for 15 min`);

    await t.advance("14m");
    expect(reminders()).toHaveLength(1);
    await t.advance("1m");
    // Snoozed at 06:30:01 for 15 minutes: due at 06:45:01 exactly.
    expect(clock()).toBe("2026-03-08T06:45:01.000Z");
    expect(reminders()).toHaveLength(2);
  });

  it("refuses the buttons to someone who is not in the incident channel", async () => {
    await steps.begin("buttons refused");
    const reminder = reminders().at(-1)!;
    const views = t.emulator.views.length;
    const clicked = await t.driver.clickButton({
      user: outsider,
      message: reminder,
      actionId: "reminder.post_update",
    });
    const snoozed = await t.driver.clickButton({
      user: outsider,
      message: reminder,
      actionId: "reminder.snooze.60",
    });
    expect(await answerTo(clicked)).toMatch(/Only people in <#.+> can post/);
    expect(await answerTo(snoozed)).toMatch(/Only people in <#.+> can snooze/);
    await t.settle();
    expect(t.emulator.views.length).toBe(views);
    expect(await db().timelineEntry.count({ where: { incidentId, kind: "reminder_snoozed" } })).toBe(1);
  });

  it("posts an update from the reminder's form, once per submission, and the reminder starts over", async () => {
    await steps.begin("update from the form");
    const reminder = reminders().at(-1)!;
    const views = t.emulator.views.length;
    await t.driver.clickButton({ user: blair, message: reminder, actionId: "reminder.post_update" });
    const form = await eventually(() =>
      present(t.emulator.views.length > views && t.emulator.views.at(-1), "the form"),
    );
    expect(form.view.callback_id).toBe(VIEWS.postUpdate);
    expect(form.user).toBe(blair);
    const values = {
      [INPUTS.updateText.block]: { [INPUTS.updateText.action]: "<!channel> logins recovering in us1" },
    };
    // Slack re-sends a submission whose ack was slow: the same view, twice.
    const payload = viewSubmissionPayload(t.emulator, form, blair, values, t.emulator.issueTrigger(blair));
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const [a, b] = [
      await t.driver.raw(body, { contentType: FORM }),
      await t.driver.raw(body, { contentType: FORM }),
    ];
    expect([a.status, b.status]).toEqual([200, 200]);
    await t.settle();

    const updates = await db().timelineEntry.findMany({ where: { incidentId, kind: "update_posted" } });
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ actorId: blair, text: "<!channel> logins recovering in us1" });
    const posted = t.emulator.messages(channel).filter((m) => m.text.startsWith("Status update"));
    expect(posted).toHaveLength(1);
    const mirrored = t.emulator.messages(t.announce!).filter((m) => m.text.startsWith("INC-1 update"));
    expect(mirrored).toHaveLength(1);
    for (const surface of [posted[0], mirrored[0]]) {
      expect(JSON.stringify(surface)).toContain("&lt;!channel&gt; logins recovering in us1");
      expect(JSON.stringify(surface)).not.toMatch(/<!channel>/);
    }
    const incident = await db().incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(incident.lastUpdateAt?.toISOString()).toBe(clock());

    // Not due 29 minutes after the update; due at 30.
    const count = reminders().length;
    await t.advance("29m");
    expect(reminders()).toHaveLength(count);
    await t.advance("1m");
    expect(reminders()).toHaveLength(count + 1);
    expect(JSON.stringify(reminders().at(-1)?.blocks)).toContain("no status update for *30m*");
  });

  it("reminds the current commander when nobody holds comms, and never after resolution", async () => {
    await steps.begin("commander reminded, none after resolution");
    // A second incident, nobody in comms, command handed from the declarer to blair.
    await command("declare Billing delays --sev 2", alex, general);
    await t.settle();
    const billing = t.emulator.channelByName("inc-2-billing-delays")!.id;
    t.emulator.joinChannel(billing, blair);
    await t.driver.command(`role commander <@${blair}|blair>`, { user: alex, channel: billing });
    await t.settle();
    await t.advance("60m");
    const billingReminders = t.emulator
      .messages(billing)
      .filter((m) => m.text.startsWith("Reminder: no status update"));
    expect(billingReminders).toHaveLength(1);
    const shown = JSON.stringify(billingReminders[0]?.blocks);
    // The commander on duty now, not the declarer.
    expect(shown).toContain(`<@${blair}>, no status update`);
    expect(shown).not.toContain(`<@${alex}>`);

    await t.driver.command("status resolved fixed", { user: blair, channel: billing });
    await command("status resolved logins back");
    await t.settle();
    const before = [reminders().length, billingReminders.length];
    await t.advance("3h");
    expect([
      reminders().length,
      t.emulator.messages(billing).filter((m) => m.text.startsWith("Reminder: no status update")).length,
    ]).toEqual(before);
    expect(t.emulator.violations).toEqual([]);
  });
});
