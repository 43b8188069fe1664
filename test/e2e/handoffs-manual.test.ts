// Handoffs by hand and per workstream, who is on shift, rotations reload, declaring with a
// rotation, and the long-duty nudge — end to end on the simulated clock.
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS } from "../../src/slack/ids.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { eventually } from "../support/eventually.ts";
import {
  blocksText,
  cards,
  PEOPLE,
  ROTATIONS_YAML,
  seedPeople,
  writeRotationsFile,
} from "../support/handoff-fixtures.ts";
import type { ChannelRecord } from "../support/slack-emulator/types.ts";
import { nothing, story } from "../support/story.ts";

const { riley, aoife, kim, sam, usapac, usemea, usamer, ada } = PEOPLE;
const replyText = (response: { json?: unknown }) => JSON.stringify(response.json);

describe("handoffs by hand, per workstream, and rotations in Slack", () => {
  let t: TestBot;
  let general: string;
  let channel: ChannelRecord;
  let rotationsFile: string;

  async function clickAndAnswer(
    user: string,
    message: Parameters<TestBot["driver"]["clickButton"]>[0]["message"],
  ) {
    const click = await t.driver.clickButton({ user, message, actionId: ACTIONS.acceptHandoff });
    return eventually(() => {
      const [answer] = t.emulator.responsesTo(click.responseUrl!) as { text: string }[];
      if (!answer) throw new Error("waiting");
      return answer.text;
    });
  }

  beforeAll(async () => {
    const { startSlackEmulator } = await import("../support/slack-emulator/index.ts");
    const emulator = await startSlackEmulator();
    seedPeople(emulator);
    rotationsFile = writeRotationsFile();
    t = await startTestBot({ emulator, env: { ROTATIONS_FILE: rotationsFile, INCIDENT_ADMINS: ada.id } });
    general = t.emulator.addChannel({ name: "general", members: [riley.id, aoife.id, ada.id] }).id;
  });
  afterAll(async () => {
    await t.stop();
    await t.emulator.stop();
  });

  const lastCard = (channelId: string) => cards(t.emulator, channelId).at(-1)!;
  // What each test leaves that a later one relies on (test/support/story.ts): INC-1 on the
  // rotation, workstreams eu1 and us1 (its lead moved by handoffs), command handed to Aoife at
  // 08:00 and the reloaded rotations (solo renamed solo-oncall).
  const steps = story({
    "unknown rotation": nothing,
    "declared on a rotation": async () => {
      await t.driver.command("declare Ingest lag in us1 --sev 2 --rotation follow-the-sun", {
        user: riley.id,
        channel: general,
      });
      await t.settle();
      channel = t.emulator.channelByName("inc-1-ingest-lag-in-us1") as ChannelRecord;
    },
    shifts: nothing,
    "workstream without a lead": () =>
      t.driver.command("workstream add eu1", { user: riley.id, channel: channel.id }),
    "workstream lead handoff": async () => {
      await t.driver.command(`workstream add us1 --lead <@${usapac.id}> --channel`, {
        user: riley.id,
        channel: channel.id,
      });
      await t.settle();
      const wsChannel = t.emulator.channelByName("inc-1-us1") as ChannelRecord;
      await t.driver.command("rotation follow-the-sun", { user: usapac.id, channel: wsChannel.id });
      await t.setClock("2026-03-08T07:45:00Z");
      await clickAndAnswer(usemea.id, lastCard(wsChannel.id));
      await t.settle();
    },
    "workstream by hand": async () => {
      const wsChannel = t.emulator.channelByName("inc-1-us1") as ChannelRecord;
      await t.driver.command(`handoff <@${usamer.id}>`, { user: usemea.id, channel: wsChannel.id });
      await t.settle();
      await t.setClock("2026-03-08T07:48:00Z");
      await clickAndAnswer(usamer.id, lastCard(wsChannel.id));
    },
    "command by hand": async () => {
      await t.driver.command(`handoff <@${aoife.id}>`, { user: riley.id, channel: channel.id });
      await t.settle();
      await clickAndAnswer(aoife.id, lastCard(channel.id));
      await t.setClock("2026-03-08T08:00:00Z");
    },
    "admin accepts": nothing,
    "rotations reload": async () => {
      writeFileSync(rotationsFile, ROTATIONS_YAML.replace("name: solo", "name: solo-oncall"));
      await t.driver.command("rotations reload", { user: ada.id, channel: general });
    },
    "long-duty nudge": nothing,
  });

  it("refuses an unknown rotation at declare time and declares nothing", async () => {
    await steps.begin("unknown rotation");
    const reply = await t.driver.command("declare Disk full --rotation nightshift", {
      user: riley.id,
      channel: general,
    });
    expect(replyText(reply)).toContain(
      "There is no rotation `nightshift`. Rotations: `follow-the-sun`, `solo`.",
    );
    expect(await t.bot.deps.database.db.incident.count()).toBe(0);
  });

  it("declares attached to a rotation, inviting the shift on duty", async () => {
    await steps.begin("declared on a rotation");
    const reply = await t.driver.command("declare Ingest lag in us1 --sev 2 --rotation follow-the-sun", {
      user: riley.id,
      channel: general,
    });
    expect(replyText(reply)).toContain("and the `follow-the-sun` shift on duty");
    await t.settle();
    channel = t.emulator.channelByName("inc-1-ingest-lag-in-us1") as ChannelRecord;
    expect([...channel.members]).toEqual(
      expect.arrayContaining([riley.id, kim.id, PEOPLE.min.id, usapac.id]),
    );
    const incident = await t.bot.deps.database.db.incident.findFirstOrThrow({ where: { number: 1 } });
    expect(incident.rotation).toBe("follow-the-sun");
  });

  it("shows who is on now and next, in UTC and in the viewer's time zone", async () => {
    await steps.begin("shifts");
    const forAoife = replyText(await t.driver.command("shifts", { user: aoife.id, channel: channel.id }));
    expect(forAoife).toContain("Shifts · follow-the-sun");
    expect(forAoife).toContain("until 2026-03-08 08:00 UTC (2026-03-08 08:00 GMT your time)");
    expect(forAoife).toContain(`commander <@${kim.id}>`);
    expect(forAoife).toContain("from 2026-03-08 08:00 UTC");
    expect(forAoife).toContain(`commander <@${aoife.id}>`);
    expect(forAoife).toContain("Follows this rotation here: command of INC-1");
    const forSam = replyText(await t.driver.command("shifts", { user: sam.id, channel: general }));
    // Outside an incident: every rotation; New York is on EDT since 07:00 UTC today.
    expect(forSam).toContain("(2026-03-08 04:00 EDT your time)");
    expect(forSam).toContain("Shifts · solo");
  });

  it("refuses to attach a workstream to a rotation with no lead for it", async () => {
    await steps.begin("workstream without a lead");
    await t.driver.command("workstream add eu1", { user: riley.id, channel: channel.id });
    const reply = await t.driver.command("rotation follow-the-sun --workstream eu1", {
      user: riley.id,
      channel: channel.id,
    });
    expect(replyText(reply)).toContain("names no lead for `eu1` in any shift (it has leads for `us1`)");
  });

  it("prompts a workstream's lead handoff in the workstream channel and moves the lead on acceptance", async () => {
    await steps.begin("workstream lead handoff");
    await t.driver.command(`workstream add us1 --lead <@${usapac.id}> --channel`, {
      user: riley.id,
      channel: channel.id,
    });
    await t.settle();
    const wsChannel = t.emulator.channelByName("inc-1-us1") as ChannelRecord;
    const attach = await t.driver.command("rotation follow-the-sun", {
      user: usapac.id,
      channel: wsChannel.id,
    });
    expect(replyText(attach)).toContain("Workstream `us1` follows rotation `follow-the-sun` now");
    await t.setClock("2026-03-08T07:45:00Z");
    // Both scopes change hands at 08:00: command in the incident channel, the lead in us1's.
    expect(cards(t.emulator, channel.id)).toHaveLength(1);
    const [card] = cards(t.emulator, wsChannel.id);
    expect(blocksText(card!)).toContain(
      `Shift handoff of lead of \`us1\`* — INC-1\\n<@${usapac.id}> → <@${usemea.id}>`,
    );
    expect(await clickAndAnswer(usemea.id, card!)).toContain("You hold lead of `us1` of INC-1 now");
    await t.settle();
    const lead = await t.bot.deps.database.db.roleAssignment.findFirst({
      where: { role: "lead", endedAt: null, userId: usemea.id },
    });
    expect(lead?.handoffId).not.toBeNull();
    expect(t.emulator.channel(wsChannel.id)?.topic.value).toContain("lead usemea");
    // The incident's timeline records it, tagged with the workstream.
    const entry = await t.bot.deps.database.db.timelineEntry.findFirstOrThrow({
      where: { kind: "handoff_accepted" },
    });
    expect(entry.workstreamId).toBe(lead?.workstreamId);
    expect(entry.data).toMatchObject({ role: "lead", workstream: "us1", latencyMs: -15 * 60_000 });
  });

  it("hands over a workstream by hand from its channel", async () => {
    await steps.begin("workstream by hand");
    const wsChannel = t.emulator.channelByName("inc-1-us1") as ChannelRecord;
    const refused = await t.driver.command(`handoff <@${usamer.id}>`, {
      user: kim.id,
      channel: wsChannel.id,
    });
    expect(replyText(refused)).toContain("Only the lead of `us1`");
    const started = await t.driver.command(`handoff <@${usamer.id}>`, {
      user: usemea.id,
      channel: wsChannel.id,
    });
    expect(replyText(started)).toContain("Handoff of lead of `us1`");
    await t.settle();
    const card = cards(t.emulator, wsChannel.id).at(-1)!;
    expect(blocksText(card)).toContain(`requested by <@${usemea.id}>`);
    await t.setClock("2026-03-08T07:48:00Z");
    expect(await clickAndAnswer(usamer.id, card)).toContain("(accepted 3m after the request)");
  });

  it("starts a handoff of command by hand: only the commander or an admin, accepted by the named person", async () => {
    await steps.begin("command by hand");
    const refused = await t.driver.command(`handoff <@${aoife.id}>`, { user: aoife.id, channel: channel.id });
    expect(replyText(refused)).toContain("Only the incident commander");
    // Riley hands to Aoife early; it replaces the scheduled 08:00 handoff (to Aoife as well).
    const started = await t.driver.command(`handoff <@${aoife.id}>`, { user: riley.id, channel: channel.id });
    expect(replyText(started)).toContain(`Handoff of incident command to <@${aoife.id}> started`);
    await t.settle();
    const all = cards(t.emulator, channel.id);
    expect(all).toHaveLength(2);
    expect(blocksText(all[0]!)).toContain("Replaced by a newer handoff");
    expect(blocksText(all[0]!)).not.toContain(ACTIONS.acceptHandoff);
    expect(await clickAndAnswer(aoife.id, all[1]!)).toContain("You hold incident command of INC-1 now");
    // The 08:00 change puts Aoife on: she already holds command, so nothing is prompted then.
    await t.setClock("2026-03-08T08:00:00Z");
    expect(cards(t.emulator, channel.id)).toHaveLength(2);
  });

  it("lets an admin accept on the incoming holder's behalf", async () => {
    await steps.begin("admin accepts");
    await t.driver.command(`handoff <@${kim.id}>`, { user: aoife.id, channel: channel.id });
    await t.settle();
    const card = cards(t.emulator, channel.id).at(-1)!;
    expect(await clickAndAnswer(ada.id, card)).toContain(`<@${kim.id}> holds incident command of INC-1 now`);
    const accepted = await t.bot.deps.database.db.timelineEntry.findMany({
      where: { kind: "handoff_accepted" },
      orderBy: { id: "desc" },
      take: 1,
    });
    expect(accepted[0]?.data).toMatchObject({ toUserId: kim.id, acceptedById: ada.id, boundaryAt: null });
  });

  it("lists rotations; reload is for admins and keeps the loaded rotations when the file is broken", async () => {
    await steps.begin("rotations reload");
    const list = replyText(await t.driver.command("rotations", { user: riley.id, channel: general }));
    expect(list).toContain("*`follow-the-sun`*");
    expect(list).toContain("prompt 15m before · accept within 10m · long-shift nudge after 12h");
    expect(list).toContain("Coverage warnings this week");

    const refused = replyText(
      await t.driver.command("rotations reload", { user: riley.id, channel: general }),
    );
    expect(refused).toContain("Only incident admins");

    writeFileSync(rotationsFile, ROTATIONS_YAML.replace('start: "08:00"', 'start: "8 am"'));
    const broken = replyText(await t.driver.command("rotations reload", { user: ada.id, channel: general }));
    expect(broken).toContain("nothing changed");
    expect(broken).toContain(`rotations.yml:19:16 rotations[0].shifts[1].start: must be HH:MM`);
    // Still running on what it had.
    expect(
      replyText(await t.driver.command("shifts follow-the-sun", { user: ada.id, channel: general })),
    ).toContain("Shifts · follow-the-sun");

    writeFileSync(rotationsFile, ROTATIONS_YAML.replace("name: solo", "name: solo-oncall"));
    const fixed = replyText(await t.driver.command("rotations reload", { user: ada.id, channel: general }));
    expect(fixed).toContain("Reloaded 2 rotation(s): `follow-the-sun`, `solo-oncall`");
    expect(t.bot.deps.rotations.get("solo")).toBeUndefined();
    const counter = await t.bot.deps.database.db.counter.findUnique({ where: { name: "rotations-reload" } });
    expect(counter?.value).toBe(1);
  });

  it("nudges a long-serving holder once per threshold", async () => {
    await steps.begin("long-duty nudge");
    await t.driver.command("declare Billing export stuck", { user: riley.id, channel: general });
    await t.settle();
    const billing = t.emulator.channelByName("inc-2-billing-export-stuck") as ChannelRecord;
    // solo-oncall: Riley all day, maxShiftHours 4. Riley holds command since declaring at 08:00.
    await t.driver.command("rotation solo-oncall", { user: riley.id, channel: billing.id });
    const nudges = () =>
      t.emulator.dms(riley.id).filter((m) => m.text.includes("Long shifts wear anyone down"));
    await t.setClock("2026-03-08T11:59:00Z");
    expect(nudges()).toHaveLength(0);
    await t.setClock("2026-03-08T12:00:00Z");
    expect(nudges()).toHaveLength(1);
    expect(nudges()[0]?.text).toContain("held incident command of INC-2");
    expect(nudges()[0]?.text).toContain("for 4h");
    await t.setClock("2026-03-08T15:59:00Z");
    expect(nudges()).toHaveLength(1);
    await t.setClock("2026-03-08T16:00:00Z");
    expect(nudges()).toHaveLength(2);
    const entries = await t.bot.deps.database.db.timelineEntry.findMany({
      where: { kind: "long_shift_prompted" },
    });
    expect(entries.map((e) => e.data)).toEqual([
      { kind: "long_shift_prompted", userId: riley.id, role: "commander", workstreamId: null, hours: 4 },
      { kind: "long_shift_prompted", userId: riley.id, role: "commander", workstreamId: null, hours: 8 },
    ]);
    expect(t.emulator.violations).toEqual([]);
  });
});
