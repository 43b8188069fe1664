// "Never posts twice" for the posts that are not top-level channel messages: an update's mirror
// in the announcement's thread and a handoff brief sent to the incoming holder by DM. Slack
// takes each post at once but answers after the bot's call has timed out, so the bot cannot
// know it was posted; its retry must find the earlier post (in the thread's replies, in the
// DM channel's history) instead of posting again.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTIONS, HANDOFF_INPUTS } from "../../src/slack/ids.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import { eventually } from "../support/eventually.ts";
import { startSlackEmulator } from "../support/slack-emulator/index.ts";
import type { MessageRecord } from "../support/slack-emulator/types.ts";

const blocksText = (m: MessageRecord) => `${m.text} ${JSON.stringify(m.blocks ?? [])}`;

describe("never posting twice after Slack took a post the bot did not hear about", () => {
  let t: TestBot;
  let ic: string;
  let next: string;
  let general: string;
  let announce: string;

  beforeEach(async () => {
    const emulator = await startSlackEmulator();
    ic = emulator.addUser({ name: "ines" }).id;
    next = emulator.addUser({ name: "nadia" }).id;
    general = emulator.addChannel({ name: "general", members: [ic, next] }).id;
    announce = emulator.addChannel({ name: "incidents", members: [ic] }).id;
    t = await startTestBot({ emulator, env: { INCIDENT_ANNOUNCE_CHANNEL: announce } });
  });
  afterEach(async () => {
    await t.stop();
    await t.emulator.stop();
  });

  /** Every post is taken by Slack at once and answered after the bot's 10 s call timeout. */
  function slackAnswersTooLate() {
    t.emulator.injectFault({
      method: "chat.postMessage",
      kind: "delay",
      delayMs: 12_000,
      times: Number.POSITIVE_INFINITY,
    });
  }

  /** Waits until the bot has given up waiting for every post of `kind` and scheduled retries. */
  async function timedOut(kind: string) {
    await eventually(
      async () => {
        const rows = await t.bot.deps.database.db.outboxMessage.findMany({
          where: { kind, status: "pending" },
        });
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.every((row) => row.lastError !== null && row.sendingAt !== null)).toBe(true);
      },
      { timeoutMs: 40_000 },
    );
  }

  async function slackIsBack() {
    t.emulator.clearFaults();
    for (let i = 0; i < 3; i++) await t.advance("1m");
    expect(await t.bot.deps.database.db.outboxMessage.count({ where: { status: { not: "done" } } })).toBe(0);
  }

  it("mirrors an update in the announcement's thread once", { timeout: 90_000 }, async () => {
    const { channel } = await declareIncident(t, "Checkout errors --sev 2", { by: ic, from: general });
    const announcement = t.emulator.messages(announce).find((m) => !m.threadTs)!;
    const mirrors = () =>
      t.emulator
        .messages(announce)
        .filter((m) => m.threadTs === announcement.ts && m.text.includes("payments recovering"));

    slackAnswersTooLate();
    await t.driver.command("update payments recovering in eu1", { user: ic, channel: channel.id });
    await eventually(() => expect(mirrors()).toHaveLength(1));
    await timedOut("announcement.reply");
    await slackIsBack();

    expect(mirrors()).toHaveLength(1);
    expect(
      t.emulator.messages(channel.id).filter((m) => m.text.includes("payments recovering")),
    ).toHaveLength(1);
    expect(t.emulator.violations).toEqual([]);
  });

  it("sends a handoff brief by DM once", { timeout: 90_000 }, async () => {
    const { channel } = await declareIncident(t, "Search lag --sev 2", { by: ic, from: general });
    await t.driver.command(`handoff <@${next}>`, { user: ic, channel: channel.id });
    await t.settle();
    const card = t.emulator
      .messages(channel.id)
      .findLast((m) => JSON.stringify(m.blocks ?? []).includes(ACTIONS.writeHandoff))!;
    const viewsBefore = t.emulator.views.length;
    await t.driver.clickButton({ user: ic, message: card, actionId: ACTIONS.writeHandoff });
    const view = await eventually(() => {
      const opened = t.emulator.views[viewsBefore];
      if (!opened) throw new Error("no brief form yet");
      return opened;
    });
    const values = Object.fromEntries(
      Object.values(HANDOFF_INPUTS).map(({ block, action }) => [
        block,
        { [action]: `${block} as it stands` },
      ]),
    );
    const briefs = () => t.emulator.dms(next).filter((m) => blocksText(m).includes("handoff_current_state"));

    slackAnswersTooLate();
    expect((await t.driver.submitView({ user: ic, view, values })).status).toBe(200);
    await eventually(() => expect(briefs()).toHaveLength(1));
    await timedOut("message.post");
    await slackIsBack();

    expect(briefs()).toHaveLength(1);
    expect(t.emulator.violations).toEqual([]);
  });
});
