// Shift handoffs end to end on the simulated clock: the prompt before a shift change, the
// brief, acceptance by the incoming commander (and refusal for anyone else), then a handoff
// nobody accepts: escalation, a repeated reminder, a late acceptance.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, HANDOFF_INPUTS } from "../../src/slack/ids.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import { eventually } from "../support/eventually.ts";
import {
  blocksText,
  cards,
  MANAGERS_GROUP,
  PEOPLE,
  seedPeople,
  writeRotationsFile,
} from "../support/handoff-fixtures.ts";
import type { ChannelRecord, MessageRecord } from "../support/slack-emulator/types.ts";
import { nothing, story } from "../support/story.ts";

const { riley, aoife, kim, sam, morgan } = PEOPLE;

/** The brief Riley writes (a retried submission sends the same answers). */
const values: Record<string, Record<string, string>> = {
  [HANDOFF_INPUTS.currentState.block]: {
    [HANDOFF_INPUTS.currentState.action]: "Intake at 40% <!channel> ping",
  },
  [HANDOFF_INPUTS.triedOrRuledOut.block]: {
    [HANDOFF_INPUTS.triedOrRuledOut.action]: "Rolled back agent 7.44",
  },
  [HANDOFF_INPUTS.openActions.block]: { [HANDOFF_INPUTS.openActions.action]: "Restart intake — dana" },
  [HANDOFF_INPUTS.risks.block]: { [HANDOFF_INPUTS.risks.action]: "Backfill load on storage" },
  [HANDOFF_INPUTS.nextCheckpoint.block]: {
    [HANDOFF_INPUTS.nextCheckpoint.action]: "09:00 UTC failover call",
  },
};

describe("a shift handoff at a rotation boundary", () => {
  let t: TestBot;
  let general: string;
  let channel: ChannelRecord;
  let incidentId: number;

  beforeAll(async () => {
    t = await startTestBot({
      seed: (emulator) => {
        seedPeople(emulator);
      },
      env: { ROTATIONS_FILE: writeRotationsFile() },
    });
    general = t.emulator.addChannel({ name: "general", members: [riley.id, aoife.id, kim.id] }).id;
    ({ channel, id: incidentId } = await declareIncident(t, "Metrics intake delayed --sev 1", {
      by: riley.id,
      from: general,
    }));
  });
  afterAll(() => t.stop());

  /** Clicks Accept on `message` as `user` and waits for the answer (buttons answer after the ack). */
  const accept = async (user: string, message: MessageRecord) => {
    const click = await t.driver.clickButton({ user, message, actionId: ACTIONS.acceptHandoff });
    await eventually(() => {
      if (!t.emulator.responsesTo(click.responseUrl!).length) throw new Error("waiting");
    });
  };
  const openBriefForm = async () => {
    const viewsBefore = t.emulator.views.length;
    const card = cards(t.emulator, channel.id)[0]!;
    await t.driver.clickButton({ user: riley.id, message: card, actionId: ACTIONS.writeHandoff });
    return eventually(() => {
      const opened = t.emulator.views[viewsBefore];
      if (!opened) throw new Error("no modal yet");
      return opened;
    });
  };
  // What each test leaves that a later one relies on (test/support/story.ts): the rotation,
  // the prompt before 08:00, the brief, Aoife's acceptance at 08:07.
  const steps = story({
    "attach the rotation": async () => {
      await t.driver.command("rotation follow-the-sun", { user: riley.id, channel: channel.id });
      await t.settle();
    },
    prompt: async () => {
      await t.advance("1h44m");
      await t.advance("1m");
      await t.advance("5m");
    },
    "brief form refused": nothing,
    brief: async () => {
      await t.driver.command("status identified systemd upgrade broke intake", {
        user: riley.id,
        channel: channel.id,
      });
      await t.driver.command("service metrics outage --region us1", { user: riley.id, channel: channel.id });
      await t.driver.submitView({ user: riley.id, view: await openBriefForm(), values });
      await t.settle();
    },
    "brief not duplicated": nothing,
    "Accept refused": nothing,
    accepted: async () => {
      await t.setClock("2026-03-08T08:07:00Z");
      await accept(
        aoife.id,
        t.emulator.dms(aoife.id).find((m) => blocksText(m).includes(ACTIONS.acceptHandoff))!,
      );
      await t.settle();
      await t.advance("30m");
    },
    escalation: nothing,
  });

  it("attaches the incident to the rotation and invites the shift on duty", async () => {
    await steps.begin("attach the rotation");
    const reply = await t.driver.command("rotation follow-the-sun", { user: riley.id, channel: channel.id });
    const text = (reply.json as { text: string }).text;
    expect(text).toContain("follows rotation `follow-the-sun`");
    // Riley declared and keeps command; the shift's commander is named with the next handoff.
    expect(text).toContain(`On duty now: <@${kim.id}> (shift \`apac\``);
    expect(text).toContain(`Next handoff: 2026-03-08 08:00 UTC to <@${aoife.id}> (prompted at 07:45 UTC)`);
    await t.settle();
    const members = [...(t.emulator.channel(channel.id)?.members ?? [])];
    expect(members).toEqual(
      expect.arrayContaining([kim.id, PEOPLE.min.id, PEOPLE.usapac.id, PEOPLE.sean.id]),
    );
    expect(t.emulator.messages(channel.id).some((m) => m.text.includes("attached to rotation"))).toBe(true);
  });

  it("posts one prompt 15 minutes before the boundary, naming who hands to whom and when", async () => {
    await steps.begin("prompt");
    await t.advance("1h44m");
    expect(cards(t.emulator, channel.id)).toHaveLength(0);
    await t.advance("1m");
    const [card, ...more] = cards(t.emulator, channel.id);
    expect(more).toHaveLength(0);
    const shown = blocksText(card!);
    expect(shown).toContain(`<@${riley.id}> → <@${aoife.id}> at the *2026-03-08 08:00 UTC* shift change`);
    expect(shown).toContain(
      `Until <@${aoife.id}> accepts, <@${riley.id}> stays accountable for incident command`,
    );
    expect(shown).toContain(ACTIONS.writeHandoff);
    expect(shown).toContain(ACTIONS.acceptHandoff);
    // The incoming commander was brought into the channel to see it.
    expect(t.emulator.channel(channel.id)?.members.has(aoife.id)).toBe(true);
    await t.advance("5m");
    expect(cards(t.emulator, channel.id)).toHaveLength(1);
  });

  it("refuses the brief form to someone who is not handing over", async () => {
    await steps.begin("brief form refused");
    const card = cards(t.emulator, channel.id)[0]!;
    const click = await t.driver.clickButton({ user: kim.id, message: card, actionId: ACTIONS.writeHandoff });
    const refusal = await eventually(() => {
      const [answer] = t.emulator.responsesTo(click.responseUrl!) as { text: string }[];
      if (!answer) throw new Error("no answer yet");
      return answer.text;
    });
    expect(refusal).toContain(`written by <@${riley.id}>`);
  });

  it("opens the brief pre-filled from the timeline, then posts it and DMs it with an Accept button", async () => {
    await steps.begin("brief");
    await t.driver.command("status identified systemd upgrade broke intake", {
      user: riley.id,
      channel: channel.id,
    });
    await t.driver.command("service metrics outage --region us1", { user: riley.id, channel: channel.id });
    const view = await openBriefForm();
    const form = JSON.stringify(view.view.blocks);
    expect(form).toContain("SEV1 (critical) · identified");
    expect(form).toContain("systemd upgrade broke intake");
    expect(form).toContain("Recovery board: metrics us1: outage");
    expect(form).toContain("Not yet recovered: metrics us1 (outage)");

    const submitted = await t.driver.submitView({ user: riley.id, view, values });
    expect(submitted.status).toBe(200);
    await t.settle();

    const brief = t.emulator.messages(channel.id).filter((m) => blocksText(m).includes("Handoff brief*"));
    expect(brief).toHaveLength(1);
    const briefText = blocksText(brief[0]!);
    expect(briefText).toContain("Intake at 40% &lt;!channel&gt; ping");
    expect(briefText).not.toContain("<!channel>");
    expect(briefText).toContain("09:00 UTC failover call");
    const dm = t.emulator.dms(aoife.id).filter((m) => blocksText(m).includes("Rolled back agent 7.44"));
    expect(dm).toHaveLength(1);
    expect(blocksText(dm[0]!)).toContain(ACTIONS.acceptHandoff);
    expect(blocksText(cards(t.emulator, channel.id)[0]!)).toContain("Brief posted");

    const stored = await t.bot.deps.database.db.handoff.findFirstOrThrow({ where: { incidentId } });
    expect(stored.state).toBe("briefed");
    expect(stored.brief).toMatchObject({
      nextCheckpoint: "09:00 UTC failover call",
      risks: "Backfill load on storage",
    });
  });

  it("does not duplicate a brief when the same form is submitted again", async () => {
    await steps.begin("brief not duplicated");
    const view = t.emulator.views.at(-1)!;
    const entries = () =>
      t.bot.deps.database.db.timelineEntry.count({ where: { incidentId, kind: "handoff_briefed" } });
    expect(await entries()).toBe(1);
    // Slack retries a submission whose answer was slow: same view id.
    const { viewSubmissionPayload } = await import("../support/slack-emulator/interaction-payloads.ts");
    const payload = viewSubmissionPayload(
      t.emulator,
      { ...view, open: true },
      riley.id,
      values,
      t.emulator.issueTrigger(riley.id),
    );
    const retried = await t.driver.raw(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), {
      contentType: "application/x-www-form-urlencoded",
    });
    expect(retried.status).toBe(200);
    await t.settle();
    expect(await entries()).toBe(1);
    expect(
      t.emulator.messages(channel.id).filter((m) => blocksText(m).includes("Handoff brief*")),
    ).toHaveLength(1);

    // A second form (Revise handoff) with the same answers: nothing new is posted either.
    const viewsBefore = t.emulator.views.length;
    const card = cards(t.emulator, channel.id)[0]!;
    expect(blocksText(card)).toContain("Revise handoff");
    await t.driver.clickButton({ user: riley.id, message: card, actionId: ACTIONS.writeHandoff });
    const again = await eventually(() => {
      const opened = t.emulator.views[viewsBefore];
      if (!opened) throw new Error("no modal yet");
      return opened;
    });
    // It starts from the brief already given.
    expect(JSON.stringify(again.view.blocks)).toContain("Rolled back agent 7.44");
    await t.driver.submitView({ user: riley.id, view: again });
    await t.settle();
    expect(await entries()).toBe(1);
    expect(
      t.emulator.dms(aoife.id).filter((m) => blocksText(m).includes("Rolled back agent 7.44")),
    ).toHaveLength(1);
  });

  it("refuses Accept from anyone but the incoming commander, and changes nothing", async () => {
    await steps.begin("Accept refused");
    const card = cards(t.emulator, channel.id)[0]!;
    const click = await t.driver.clickButton({
      user: kim.id,
      message: card,
      actionId: ACTIONS.acceptHandoff,
    });
    const refusal = await eventually(() => {
      const [answer] = t.emulator.responsesTo(click.responseUrl!) as { text: string }[];
      if (!answer) throw new Error("no answer yet");
      return answer.text;
    });
    expect(refusal).toContain(`Only <@${aoife.id}> (the incoming holder) or an incident admin can accept`);
    const commander = await t.bot.deps.database.db.roleAssignment.findFirst({
      where: { incidentId, role: "commander", endedAt: null },
    });
    expect(commander?.userId).toBe(riley.id);
  });

  it("moves command when the incoming commander accepts: history, topic, summary, timeline with latency", async () => {
    await steps.begin("accepted");
    await t.setClock("2026-03-08T08:07:00Z");
    const dm = t.emulator.dms(aoife.id).find((m) => blocksText(m).includes(ACTIONS.acceptHandoff))!;
    const first = await t.driver.clickButton({
      user: aoife.id,
      message: dm,
      actionId: ACTIONS.acceptHandoff,
    });
    const second = await t.driver.clickButton({
      user: aoife.id,
      message: dm,
      actionId: ACTIONS.acceptHandoff,
    });
    const answers = await eventually(() => {
      const a = t.emulator.responsesTo(first.responseUrl!) as { text: string }[];
      const b = t.emulator.responsesTo(second.responseUrl!) as { text: string }[];
      if (!a[0] || !b[0]) throw new Error("waiting");
      return [a[0].text, b[0].text];
    });
    expect(answers[0]).toContain(
      "You hold incident command of INC-1 now (accepted 7m after the shift change)",
    );
    expect(answers[1]).toBe(answers[0]);
    await t.settle();

    const { db } = t.bot.deps.database;
    const history = await db.roleAssignment.findMany({
      where: { incidentId, role: "commander" },
      orderBy: { id: "asc" },
    });
    expect(history.map((h) => [h.userId, h.endedAt?.toISOString() ?? null, h.handoffId !== null])).toEqual([
      [riley.id, "2026-03-08T08:07:00.000Z", false],
      [aoife.id, null, true],
    ]);
    const accepted = await db.timelineEntry.findMany({ where: { incidentId, kind: "handoff_accepted" } });
    expect(accepted).toHaveLength(1);
    expect(accepted[0]?.data).toMatchObject({
      fromUserId: riley.id,
      toUserId: aoife.id,
      acceptedById: aoife.id,
      boundaryAt: "2026-03-08T08:00:00.000Z",
      latencyMs: 7 * 60_000,
      role: "commander",
    });
    expect(await db.timelineEntry.count({ where: { incidentId, kind: "role_assigned" } })).toBe(1);

    expect(t.emulator.channel(channel.id)?.topic.value).toContain("IC aoife");
    const pinned = t.emulator.messages(channel.id).find((m) => m.pinned)!;
    expect(JSON.stringify(pinned.blocks)).toContain(`<@${aoife.id}>`);
    expect(blocksText(cards(t.emulator, channel.id)[0]!)).toContain(
      `<@${aoife.id}> accepted at 08:07 UTC, 7m after the shift change`,
    );
    expect(blocksText(cards(t.emulator, channel.id)[0]!)).not.toContain(ACTIONS.acceptHandoff);
    expect(t.emulator.dms(riley.id).some((m) => m.text.includes("You are off duty"))).toBe(true);
    // Nothing escalates once accepted.
    await t.advance("30m");
    expect(t.emulator.messages(channel.id).some((m) => m.text.includes("Handoff not accepted"))).toBe(false);
  });

  it("escalates a handoff nobody accepts, reminds again at the same interval, and records a late acceptance", async () => {
    await steps.begin("escalation");
    // AMER (New York, already on EDT) takes over at 15:00 UTC; prompted at 14:45.
    await t.setClock("2026-03-08T14:45:00Z");
    expect(cards(t.emulator, channel.id)).toHaveLength(2);
    expect(blocksText(cards(t.emulator, channel.id)[1]!)).toContain(`<@${aoife.id}> → <@${sam.id}>`);
    const escalations = () =>
      t.emulator.messages(channel.id).filter((m) => m.text.includes("Handoff not accepted"));

    await t.setClock("2026-03-08T15:09:00Z");
    expect(escalations()).toHaveLength(0);
    await t.setClock("2026-03-08T15:10:00Z");
    expect(escalations()).toHaveLength(1);
    const first = blocksText(escalations()[0]!);
    expect(first).toContain(`<!subteam^${MANAGERS_GROUP}>`);
    expect(first).toContain(`<@${sam.id}>`);
    expect(t.emulator.dms(morgan.id).filter((m) => m.text.includes("Escalation 1"))).toHaveLength(1);
    expect(t.emulator.dms(sam.id).some((m) => m.text.includes("have not accepted yet"))).toBe(true);
    expect(blocksText(cards(t.emulator, channel.id)[1]!)).toContain("escalated once");

    await t.setClock("2026-03-08T15:19:00Z");
    expect(escalations()).toHaveLength(1);
    await t.setClock("2026-03-08T15:20:00Z");
    expect(escalations()).toHaveLength(2);
    expect(t.emulator.dms(morgan.id).filter((m) => m.text.includes("Escalation 2"))).toHaveLength(1);
    expect(blocksText(cards(t.emulator, channel.id)[1]!)).toContain("escalated 2 times");

    // Aoife, still accountable, could not write a brief in time; Sam accepts late, without one.
    await t.setClock("2026-03-08T15:25:00Z");
    // From the reminder in their DMs, which carries the button.
    await accept(sam.id, t.emulator.dms(sam.id).findLast((m) => m.text.includes("have not accepted yet"))!);
    await t.settle();
    await t.setClock("2026-03-08T15:45:00Z");
    expect(escalations()).toHaveLength(2);

    const { db } = t.bot.deps.database;
    const entries = await db.timelineEntry.findMany({
      where: { incidentId, kind: { in: ["handoff_escalated", "handoff_accepted"] } },
      orderBy: { id: "asc" },
    });
    expect(entries.map((e) => [e.kind, e.occurredAt.toISOString()])).toEqual([
      ["handoff_accepted", "2026-03-08T08:07:00.000Z"],
      ["handoff_escalated", "2026-03-08T15:10:00.000Z"],
      ["handoff_escalated", "2026-03-08T15:20:00.000Z"],
      ["handoff_accepted", "2026-03-08T15:25:00.000Z"],
    ]);
    expect(entries[1]?.data).toMatchObject({ escalation: 1, contactId: MANAGERS_GROUP, toUserId: sam.id });
    expect(entries[3]?.data).toMatchObject({
      fromUserId: aoife.id,
      toUserId: sam.id,
      latencyMs: 25 * 60_000,
    });
    expect(t.emulator.channel(channel.id)?.topic.value).toContain("IC sam");
    expect(t.emulator.violations).toEqual([]);
  });
});
