// Every incident verb end to end: roles, invites, workstreams and their channels, the recovery
// board, milestones, status and reopen, permission refusals, App Home and the Join button.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS } from "../../src/slack/ids.ts";
import { type AnnouncingTestBot, startAnnouncingTestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import { eventually } from "../support/eventually.ts";
import type { ChannelRecord } from "../support/slack-emulator/index.ts";
import { nothing, story } from "../support/story.ts";

const text = (response: { json?: unknown }) => (response.json as { text?: string } | undefined)?.text ?? "";

describe("incident commands", () => {
  let t: AnnouncingTestBot;
  let ic: string;
  let comms: string;
  let lead: string;
  let bystander: string;
  let admin: string;
  let oncall: string;
  let general: string;
  let channel: ChannelRecord;

  beforeAll(async () => {
    t = await startAnnouncingTestBot((emulator) => {
      ic = emulator.addUser({ name: "ines" }).id;
      comms = emulator.addUser({ name: "carl" }).id;
      lead = emulator.addUser({ name: "lea", tz: "Asia/Seoul" }).id;
      bystander = emulator.addUser({ name: "bo" }).id;
      admin = emulator.addUser({ name: "ada" }).id;
      const groupMembers = [emulator.addUser({ name: "sre1" }).id, emulator.addUser({ name: "sre2" }).id];
      oncall = emulator.addUserGroup({ handle: "sre-oncall", users: groupMembers }).id;
      general = emulator.addChannel({ name: "general", members: [ic, comms, lead, bystander, admin] }).id;
      return { INCIDENT_ADMINS: admin };
    });
    ({ channel } = await declareIncident(t, "Logs ingestion delayed --sev 2 --region us1,eu1", {
      by: ic,
      from: general,
      joiners: [comms, lead, bystander, admin],
    }));
  });
  afterAll(() => t.stop());

  const run = (textTyped: string, user = ic, where = channel.id) =>
    t.driver.command(textTyped, { user, channel: where });

  // What each test leaves that a later one relies on (test/support/story.ts): Lea holding
  // comms (App Home) and workstream us1 with its channel (the recovery board).
  const steps = story({
    "outside the channel": nothing,
    roles: async () => {
      await run(`role comms <@${comms}|carl>`);
      await run(`role comms <@${lead}|lea>`);
      await t.settle();
    },
    "handing over command": nothing,
    invites: nothing,
    workstreams: async () => {
      await run(`workstream add us1 --lead <@${lead}|lea> --channel`);
      await run("workstream add eu1");
      await run(`workstream eu1 lead <@${comms}|carl>`);
      await t.settle();
    },
    "workstream lead": nothing,
    "recovery board": nothing,
    milestones: nothing,
    "de-escalation and reopen": nothing,
    "moving resolved": nothing,
    "App Home": nothing,
    "Join button": nothing,
    "Join after leaving": nothing,
    "no rejected call": nothing,
  });

  it("refuses incident verbs outside an incident channel and changes nothing", async () => {
    await steps.begin("outside the channel");
    const response = await run("sev 1 worse", ic, general);
    expect(text(response)).toMatch(/acts on an incident, so type it in the incident's channel/);
    expect((await t.bot.deps.database.db.incident.findFirstOrThrow()).severity).toBe(2);
  });

  it("assigns roles, keeps history, and shows who holds what since when", async () => {
    await steps.begin("roles");
    expect(text(await run(`role comms <@${comms}|carl>`))).toMatch(/is now communications lead/);
    expect(text(await run(`role comms <@${lead}|lea>`))).toMatch(/is now communications lead/);
    const roles = JSON.stringify((await run("roles")).json);
    expect(roles).toContain(`*Communications lead:* <@${lead}>`);
    expect(roles).toContain("*Before*");
    expect(roles).toContain(`<@${comms}>`);
    await t.settle();
    expect(t.emulator.channel(channel.id)?.members.has(lead)).toBe(true);
  });

  it("lets only the commander or an admin hand over command, naming who can", async () => {
    await steps.begin("handing over command");
    const refused = text(await run(`role commander <@${bystander}|bo>`, bystander));
    expect(refused).toContain(
      `Only the incident commander (<@${ic}>) or an incident admin can hand over command`,
    );
    expect(text(await run(`role commander <@${admin}|ada>`, admin))).toMatch(/is now incident commander/);
    expect(text(await run(`role commander <@${ic}|ines>`, admin))).toMatch(/is now incident commander/);
    await t.settle();
    expect(t.emulator.channel(channel.id)?.topic.value).toContain("IC ines");
  });

  it("invites people and expands user groups, in batches Slack accepts", async () => {
    await steps.begin("invites");
    const invitee = t.emulator.addUser({ name: "ivy" }).id;
    expect(text(await run(`invite <@${invitee}|ivy> <!subteam^${oncall}|@sre-oncall>`))).toMatch(
      // Ivy and the group's two members: the group is counted by who is in it (issue 15).
      /Inviting 3 people \(1 user group\)/,
    );
    await t.settle();
    const members = t.emulator.channel(channel.id)!.members;
    expect(members.has(invitee)).toBe(true);
    expect(t.emulator.callsTo("usergroups.users.list")).toHaveLength(1);
    expect([...members].length).toBeGreaterThanOrEqual(8);
    expect(text(await run("invite @nobody"))).toMatch(/not a Slack user I recognise/);
  });

  it("runs workstreams with their own lead, status and channel; commands there act on the workstream", async () => {
    await steps.begin("workstreams");
    expect(text(await run(`workstream add us1 --lead <@${lead}|lea> --channel`))).toMatch(
      /Workstream `us1` added/,
    );
    expect(text(await run("workstream add eu1"))).toMatch(/added/);
    expect(text(await run("workstream add us1"))).toMatch(/already exists/);
    await t.settle();
    const wsChannel = t.emulator.channelByName("inc-1-us1")!;
    expect(wsChannel.members.has(lead)).toBe(true);
    expect(t.emulator.messages(wsChannel.id).find((m) => m.pinned)).toBeDefined();

    t.emulator.joinChannel(wsChannel.id, ic);
    expect(text(await run("status identified bad shard", lead, wsChannel.id))).toMatch(
      /Workstream `us1` is now \*identified\*/,
    );
    const incident = await t.bot.deps.database.db.incident.findFirstOrThrow();
    expect(incident.status).toBe("investigating");
    const entry = await t.bot.deps.database.db.timelineEntry.findFirst({
      where: { kind: "workstream_status_changed" },
    });
    expect(entry?.workstreamId).not.toBeNull();
    expect(text(await run(`workstream eu1 lead <@${comms}|carl>`))).toMatch(/lead of `eu1`/);
    const list = JSON.stringify((await run("workstreams")).json);
    expect(list).toContain("`us1`");
    expect(list).toContain(`<#${wsChannel.id}>`);
    expect(list).toContain(`<@${comms}>`);
  });

  it("lets a workstream's lead change hands only as a handoff would, whichever command asks", async () => {
    await steps.begin("workstream lead");
    const { db } = t.bot.deps.database;
    const eu1 = await db.workstream.findFirstOrThrow({ where: { name: "eu1" } });
    const leadOfEu1 = async () =>
      (await db.roleAssignment.findFirst({ where: { role: "lead", endedAt: null, workstreamId: eu1.id } }))
        ?.userId;
    expect(await leadOfEu1()).toBe(comms);
    expect(text(await run(`workstream eu1 lead <@${bystander}|bo>`, bystander))).toContain(
      `Only the lead of \`eu1\` (<@${comms}>), the incident commander or an incident admin can hand it over.`,
    );
    expect(text(await run(`handoff <@${bystander}|bo> --workstream eu1`, bystander))).toContain(
      `Only the lead of \`eu1\` (<@${comms}>)`,
    );
    expect(await leadOfEu1()).toBe(comms);
    // The lead, the commander and an admin may.
    expect(text(await run(`workstream eu1 lead <@${lead}|lea>`, comms))).toMatch(/lead of `eu1`/);
    expect(text(await run(`workstream eu1 lead <@${admin}|ada>`, ic))).toMatch(/lead of `eu1`/);
    expect(text(await run(`workstream eu1 lead <@${comms}|carl>`, admin))).toMatch(/lead of `eu1`/);
    expect(await leadOfEu1()).toBe(comms);
  });

  it("keeps the recovery board in one message, updated in place, per service, region and phase", async () => {
    await steps.begin("recovery board");
    await run("service logs outage --region us1");
    await run("service logs recovering --region us1 ingest catching up");
    const wsChannel = t.emulator.channelByName("inc-1-us1")!;
    await run("service metrics recovered", lead, wsChannel.id);
    await run("service logs recovering --region us1 --phase backfill");
    await t.settle();
    const boards = t.emulator
      .messages(channel.id)
      .filter((m) => JSON.stringify(m.blocks).includes("Recovery board"));
    expect(boards).toHaveLength(1);
    const board = JSON.stringify(boards[0]?.blocks);
    expect(board).toContain(
      "*logs* `us1` — live: :large_blue_circle: recovering · backfill: :large_blue_circle: recovering",
    );
    expect(board).toContain("*metrics* `us1`");
    expect(board).toContain("ingest catching up");
    const announced = JSON.stringify(t.emulator.messages(t.announce).at(0)?.blocks);
    expect(announced).toContain("live data 1/2 recovered");
    // Where, first: us1's logs are still recovering, so us1 is not back in either phase.
    expect(announced).toContain("*Recovery:* live data: 0/1 regions back · backfill: 0/1 regions complete");
    expect(text(await run("service logs sideways"))).toMatch(/must be one of/);
  });

  it("records milestones, backdated, and corrects automatic ones keeping the original", async () => {
    await steps.begin("milestones");
    const now = t.bot.clock.now();
    expect(text(await run("milestone detected --at -10m paged by monitor"))).toMatch(/Milestone `detected`/);
    const declaredAt = new Date(now.getTime() - 20 * 60_000);
    const hhmm = declaredAt.toISOString().slice(11, 16);
    expect(text(await run(`milestone declared --at ${hhmm}`))).toMatch(/corrected from/);
    const milestone = await t.bot.deps.database.db.milestone.findFirstOrThrow({
      where: { name: "declared" },
    });
    expect(milestone.originalAt).not.toBeNull();
    expect(milestone.occurredAt.toISOString().slice(11, 16)).toBe(hhmm);
    expect(text(await run("milestone mitigated --at 2099-01-01T00:00Z"))).toMatch(/in the future/);
    expect(text(await run("milestone mitigated --at 2020-01-01 00:00"))).toMatch(/7 days before/);
    expect(text(await run("milestone mitigated --at tomorrow"))).toMatch(/HH:MM/);
  });

  it("refuses de-escalation and resolution by others, allows them for the commander, and reopens", async () => {
    await steps.begin("de-escalation and reopen");
    await run("sev 1 customer facing everywhere", bystander);
    expect(text(await run("sev 3 better now", bystander))).toMatch(
      /Only the incident commander .* can lower the severity/,
    );
    expect(text(await run("status resolved", bystander))).toMatch(/can resolve the incident/);
    expect(text(await run("status resolved all green"))).toMatch(/now \*resolved\*/);
    expect(text(await run("status monitoring"))).toMatch(/reopen/);
    expect(text(await run("reopen flapping again"))).toMatch(/\*investigating\* again/);
    const incident = await t.bot.deps.database.db.incident.findFirstOrThrow();
    expect([incident.status, incident.severity, incident.resolvedAt]).toEqual(["investigating", 1, null]);
  });

  it("lets only whoever may resolve move when the incident ended, naming who can", async () => {
    await steps.begin("moving resolved");
    expect(text(await run("status resolved all green again"))).toMatch(/now \*resolved\*/);
    const resolvedAt = async () =>
      (await t.bot.deps.database.db.milestone.findFirstOrThrow({ where: { name: "resolved" } })).occurredAt;
    const before = await resolvedAt();
    expect(text(await run("milestone resolved --at -5m", bystander))).toContain(
      `Only the incident commander (<@${ic}>) or an incident admin can move the \`resolved\` milestone`,
    );
    expect(await resolvedAt()).toEqual(before);
    expect(text(await run("milestone resolved --at -5m", admin))).toMatch(/corrected from/);
    expect((await resolvedAt()).getTime()).toBe(before.getTime() - 5 * 60_000);
    // Other milestones stay open to everyone.
    expect(text(await run("milestone mitigated --at -6m", bystander))).toMatch(/Milestone `mitigated`/);
    expect(text(await run("reopen not quite"))).toMatch(/\*investigating\* again/);
  });

  it("shows the App Home: incidents you can see, your roles, a declare button", async () => {
    await steps.begin("App Home");
    await t.driver.appHomeOpened(lead);
    await eventually(() => expect(t.emulator.homeView(lead)).toBeDefined());
    const home = JSON.stringify(t.emulator.homeView(lead)?.view);
    expect(home).toContain("INC-1");
    expect(home).toContain("Communications lead");
    expect(home).toContain(ACTIONS.declareFromHome);
  });

  it("joins a person who clicks Join on the announcement, once", async () => {
    await steps.begin("Join button");
    const newcomer = t.emulator.addUser({ name: "nia" }).id;
    t.emulator.joinChannel(t.announce, newcomer);
    const announcement = t.emulator.messages(t.announce)[0]!;
    await t.driver.clickButton({ user: newcomer, message: announcement, actionId: ACTIONS.joinIncident });
    await t.driver.clickButton({ user: newcomer, message: announcement, actionId: ACTIONS.joinIncident });
    await t.settle();
    expect(t.emulator.channel(channel.id)?.members.has(newcomer)).toBe(true);
    const joins = await t.bot.deps.database.db.timelineEntry.count({
      where: { kind: "people_invited", actorId: newcomer },
    });
    expect(joins).toBe(1);
  });

  it("invites again someone who left and clicks Join again, once per time they join", async () => {
    await steps.begin("Join after leaving");
    const returner = t.emulator.addUser({ name: "rae" }).id;
    t.emulator.joinChannel(t.announce, returner);
    const announcement = t.emulator.messages(t.announce)[0]!;
    const members = () => t.emulator.channel(channel.id)!.members;
    const joins = () =>
      t.bot.deps.database.db.timelineEntry.count({ where: { kind: "people_invited", actorId: returner } });
    // Answered once the click has been handled (the button is acknowledged before that).
    const join = async () => {
      const click = await t.driver.clickButton({
        user: returner,
        message: announcement,
        actionId: ACTIONS.joinIncident,
      });
      return eventually(() => expect(t.emulator.responsesTo(click.responseUrl!)).toHaveLength(1));
    };

    await join();
    await t.settle();
    expect(members().has(returner)).toBe(true);
    // Leaves the channel (as /leave does), comes back later through the same button.
    members().delete(returner);
    await join();
    await join();
    await t.settle();
    expect(members().has(returner)).toBe(true);
    expect(await joins()).toBe(2);
    // Clicking while in the channel changes nothing.
    await join();
    await t.settle();
    expect(await joins()).toBe(2);
  });

  it("made no call that Slack would reject", async () => {
    await steps.begin("no rejected call");
    expect(t.emulator.violations).toEqual([]);
  });
});
