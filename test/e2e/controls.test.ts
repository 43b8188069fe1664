// The controls on the pinned summary (and a workstream's), clicked through signed block_actions
// and view_submission payloads: each opens a form prefilled with the current state, submits
// through the same use case as its typed command, asks when it happened, refuses stale forms,
// closed incidents and restricted actions in words naming who can, and records once per form.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTROL_ACTIONS, CONTROL_INPUTS, CONTROL_VIEWS, INPUTS, VIEWS } from "../../src/slack/ids.ts";
import type { TestBot } from "../support/bot-harness.ts";
import { type DeclaredIncident, declareIncident } from "../support/declared-incident.ts";
import { eventually, present } from "../support/eventually.ts";
import { FORM } from "../support/slack-driver.ts";
import { viewSubmissionPayload } from "../support/slack-emulator/interaction-payloads.ts";
import type { EphemeralRecord, MessageRecord, ViewRecord } from "../support/slack-emulator/types.ts";
import { threeResponders } from "../support/three-responders.ts";

const I = CONTROL_INPUTS;
const seconds = (iso: string) => String(Math.floor(Date.parse(iso) / 1000));

describe("controls on the pinned summary", () => {
  let t: TestBot & { announce: string | undefined };
  let alex: string;
  let blair: string;
  let casey: string;
  let general: string;
  let channel: string;
  let incidentId: number;

  const db = () => t.bot.deps.database.db;
  const summary = (where = channel): MessageRecord =>
    present(
      t.emulator.messages(where).find((m) => m.pinned && JSON.stringify(m.blocks).includes('"controls:')),
      "the pinned summary with controls",
    );
  const entries = (kind: string) =>
    db().timelineEntry.findMany({ where: { incidentId, kind }, orderBy: { id: "asc" } });
  const now = () => t.bot.clock.now().toISOString();

  /** Clicks a control on `message` and returns the form it opened (or the click's answer). */
  async function open(user: string, actionId: string, message = summary()): Promise<ViewRecord> {
    const before = t.emulator.views.length;
    const click = await t.driver.clickButton({ user, message, actionId });
    expect(click.status).toBe(200);
    return eventually(() => present(t.emulator.views.length > before && t.emulator.views.at(-1), "the form"));
  }

  async function clickAnswer(
    user: string,
    actionId: string,
    message: MessageRecord | EphemeralRecord = summary(),
  ): Promise<string> {
    const views = t.emulator.views.length;
    const click = await t.driver.clickButton({ user, message, actionId });
    const answer = await eventually(() => {
      const answers = t.emulator.responsesTo(click.responseUrl!);
      expect(answers).not.toEqual([]);
      return JSON.stringify(answers);
    });
    expect(t.emulator.views.length).toBe(views);
    return answer;
  }

  const submit = (view: ViewRecord, values: Record<string, Record<string, string | string[] | null>>) =>
    t.driver.submitView({ view, values });

  beforeAll(async () => {
    let incident: DeclaredIncident;
    ({ t, alex, blair, casey, general, incident } = await threeResponders("Checkout errors --sev 2"));
    channel = incident.channel.id;
    incidentId = incident.id;
  });
  afterAll(() => t.stop());

  it("shows the controls on the pinned summary", () => {
    const blocks = JSON.stringify(summary().blocks);
    for (const id of [
      CONTROL_ACTIONS.postUpdate,
      CONTROL_ACTIONS.severity,
      CONTROL_ACTIONS.status,
      CONTROL_ACTIONS.roles,
      CONTROL_ACTIONS.recoveryBoard,
      CONTROL_ACTIONS.handOver,
      CONTROL_ACTIONS.actionItem,
      CONTROL_ACTIONS.more,
    ])
      expect(blocks).toContain(`"${id}"`);
    expect(t.emulator.violations).toEqual([]);
  });

  it("changes the severity from its form, prefilled, once per form, at the time it says", async () => {
    await t.advance("10m");
    const form = await open(blair, CONTROL_ACTIONS.severity);
    expect(form.view.callback_id).toBe(CONTROL_VIEWS.severity);
    const shown = JSON.stringify(form.view.blocks);
    expect(shown).toContain("Severity — now SEV2");
    expect(shown).toContain('"initial_option"');
    expect(shown).toContain("datetimepicker");

    // A time in the future is refused under "When", and nothing is recorded.
    const future = await submit(form, {
      [I.severity.block]: { [I.severity.action]: "1" },
      [I.reason.block]: { [I.reason.action]: "all regions now" },
      [I.when.block]: { [I.when.action]: seconds("2026-03-08T09:00:00Z") },
    });
    expect(future.json).toMatchObject({ response_action: "errors" });
    expect(Object.keys((future.json as { errors: object }).errors)).toEqual([I.when.block]);
    expect(JSON.stringify(future.json)).toContain("is in the future");
    expect(await entries("severity_changed")).toHaveLength(0);

    // Corrected: five minutes ago. Submitted twice (a slow ack retried): recorded once.
    const values = {
      [I.severity.block]: { [I.severity.action]: "1" },
      [I.reason.block]: { [I.reason.action]: "all regions <!here>" },
      [I.when.block]: { [I.when.action]: seconds("2026-03-08T06:05:00Z") },
    };
    const payload = viewSubmissionPayload(t.emulator, form, blair, values, t.emulator.issueTrigger(blair));
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const [a, b] = [
      await t.driver.raw(body, { contentType: FORM }),
      await t.driver.raw(body, { contentType: FORM }),
    ];
    expect([a.status, a.body, b.status, b.body]).toEqual([200, "", 200, ""]);
    await t.settle();
    const changed = await entries("severity_changed");
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ actorId: blair, text: "all regions <!here>" });
    expect(changed[0]!.occurredAt.toISOString()).toBe("2026-03-08T06:05:00.000Z");
    expect(JSON.stringify(summary().blocks)).toContain("SEV1");
    const line = t.emulator.messages(channel).find((m) => m.text.includes("SEV1") && !m.pinned);
    expect(JSON.stringify(line)).not.toContain("<!here>");
  });

  it("says who may lower the severity, and refuses a stale form instead of overwriting", async () => {
    const form = await open(blair, CONTROL_ACTIONS.severity);
    const shown = JSON.stringify(form.view.blocks);
    expect(shown).toContain("Severity — now SEV1");
    expect(shown).toContain(`Lowering it: Only the incident commander (<@${alex}>) or an incident admin`);
    const refused = await submit(form, {
      [I.severity.block]: { [I.severity.action]: "3" },
      [I.reason.block]: { [I.reason.action]: "contained" },
    });
    expect(JSON.stringify(refused.json)).toContain(`Only the incident commander (<@${alex}>)`);

    // Alex opens the form; meanwhile someone types a change: the form says so.
    const stale = await open(alex, CONTROL_ACTIONS.severity);
    await t.driver.command("sev 2 eu only now", { user: alex, channel });
    const answer = await submit(stale, {
      [I.severity.block]: { [I.severity.action]: "3" },
      [I.reason.block]: { [I.reason.action]: "contained" },
    });
    expect(JSON.stringify(answer.json)).toContain(
      "changed since this form was opened: it showed SEV1 (critical), it is now SEV2 (major)",
    );
    const incident = await db().incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(incident.severity).toBe(2);
  });

  it("changes the status, gives roles, records the board, a note, a milestone and an action item", async () => {
    const status = await open(casey, CONTROL_ACTIONS.status);
    expect(JSON.stringify(status.view.blocks)).toContain("Status — now investigating");
    expect(JSON.stringify(status.view.blocks)).toContain("Resolving: Only the incident commander");
    expect((await submit(status, { [I.status.block]: { [I.status.action]: "identified" } })).body).toBe("");

    const roles = await open(alex, CONTROL_ACTIONS.roles);
    expect(JSON.stringify(roles.view.blocks)).toContain(`*Incident commander:* <@${alex}>`);
    expect(
      (
        await submit(roles, {
          [I.role.block]: { [I.role.action]: "comms" },
          [I.person.block]: { [I.person.action]: casey },
        })
      ).body,
    ).toBe("");

    const board = await open(blair, CONTROL_ACTIONS.recoveryBoard);
    expect(JSON.stringify(board.view.blocks)).toContain("The board is empty");
    const badName = await submit(board, {
      [I.service.block]: { [I.service.action]: "Check out!" },
      [I.state.block]: { [I.state.action]: "degraded" },
    });
    expect(Object.keys((badName.json as { errors: object }).errors)).toEqual([I.service.block]);
    expect(
      (
        await submit(board, {
          [I.service.block]: { [I.service.action]: "checkout" },
          [I.region.block]: { [I.region.action]: "eu1" },
          [I.state.block]: { [I.state.action]: "degraded" },
          [I.note.block]: { [I.note.action]: "p99 4s" },
        })
      ).body,
    ).toBe("");

    const note = await t.driver.selectOption({
      user: blair,
      message: summary(),
      actionId: CONTROL_ACTIONS.more,
      value: `note|${incidentId}:0`,
    });
    expect(note.status).toBe(200);
    const noteForm = await eventually(() =>
      present(
        t.emulator.views.at(-1)?.view.callback_id === CONTROL_VIEWS.note && t.emulator.views.at(-1),
        "note form",
      ),
    );
    await submit(noteForm, {
      [I.note.block]: { [I.note.action]: "bad config push at 05:50" },
      [I.key.block]: { [I.key.action]: "cause" },
    });

    await t.driver.selectOption({
      user: blair,
      message: summary(),
      actionId: CONTROL_ACTIONS.more,
      value: `milestone|${incidentId}:0`,
    });
    const milestoneForm = await eventually(() =>
      present(
        t.emulator.views.at(-1)?.view.callback_id === CONTROL_VIEWS.milestone && t.emulator.views.at(-1),
        "milestone form",
      ),
    );
    await submit(milestoneForm, {
      [I.milestone.block]: { [I.milestone.action]: "detected" },
      [I.when.block]: { [I.when.action]: seconds("2026-03-08T05:58:00Z") },
    });

    // The overflow also reaches the incident-wide flows: title & summary, action items, paging.
    await t.driver.selectOption({
      user: blair,
      message: summary(),
      actionId: CONTROL_ACTIONS.more,
      value: `details|${incidentId}:0`,
    });
    await eventually(() =>
      present(
        t.emulator.views.at(-1)?.view.callback_id === VIEWS.editDetails && t.emulator.views.at(-1),
        "title & summary form",
      ),
    );
    for (const [form, says] of [
      ["action_items", /INC-\d+ has no action items yet/],
      // No pager is configured in this test: the answer says how to set one up.
      ["page", /Paging is not set up/],
    ] as const) {
      const chosen = await t.driver.selectOption({
        user: blair,
        message: summary(),
        actionId: CONTROL_ACTIONS.more,
        value: `${form}|${incidentId}:0`,
      });
      await eventually(() =>
        expect(JSON.stringify(t.emulator.responsesTo(chosen.responseUrl!))).toMatch(says),
      );
    }

    const action = await open(alex, CONTROL_ACTIONS.actionItem);
    await submit(action, {
      [I.note.block]: { [I.note.action]: "Canary config pushes" },
      [I.person.block]: { [I.person.action]: blair },
    });
    await t.settle();

    const incident = await db().incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(incident.status).toBe("identified");
    expect(
      await db().roleAssignment.findFirst({ where: { incidentId, role: "comms", endedAt: null } }),
    ).toMatchObject({
      userId: casey,
    });
    expect(await db().serviceStatus.findFirst({ where: { incidentId } })).toMatchObject({
      service: "checkout",
      region: "eu1",
      state: "degraded",
    });
    expect((await entries("note_added"))[0]).toMatchObject({ tag: "cause", actorId: blair });
    const detected = await db().milestone.findFirst({ where: { incidentId, name: "detected" } });
    expect(detected?.occurredAt.toISOString()).toBe("2026-03-08T05:58:00.000Z");
    expect(await db().actionItem.findFirst({ where: { incidentId } })).toMatchObject({
      text: "Canary config pushes",
      ownerId: blair,
    });
    const shown = JSON.stringify(summary().blocks);
    expect(shown).toContain("identified");
    expect(shown).toContain(`<@${casey}>`);
    expect(t.emulator.violations).toEqual([]);
  });

  it("posts an update (marked key, public) from the controls", async () => {
    // Blair holds no role: the Public box is refused under it, and nothing is recorded.
    const refused = await submit(await open(blair, CONTROL_ACTIONS.postUpdate), {
      [INPUTS.updateText.block]: { [INPUTS.updateText.action]: "blair speaking for the company" },
      [I.key.block]: { [I.key.action]: ["public"] },
    });
    expect(refused.json).toMatchObject({ response_action: "errors" });
    const refusal = (refused.json as { errors: Record<string, string> }).errors;
    expect(Object.keys(refusal)).toEqual([I.key.block]);
    expect(refusal[I.key.block]).toMatch(
      /^Only the incident commander \(<@\w+>\), the communications lead \(<@\w+>\) or an incident admin can post a public update/,
    );
    expect(await entries("update_posted")).toHaveLength(0);

    // Casey is the communications lead (given in an earlier step).
    const form = await open(casey, CONTROL_ACTIONS.postUpdate);
    expect(form.view.callback_id).toBe(VIEWS.postUpdate);
    expect(JSON.stringify(form.view.blocks)).toContain("Public: also on the status page");
    await submit(form, {
      [INPUTS.updateText.block]: { [INPUTS.updateText.action]: "EU checkout degraded; fix rolling out" },
      [I.key.block]: { [I.key.action]: ["key", "public"] },
    });
    await t.settle();
    const [update] = await entries("update_posted");
    expect(update).toMatchObject({ actorId: casey, text: "EU checkout degraded; fix rolling out" });
    expect(update!.data).toMatchObject({ key: true, public: true });
    expect(update!.occurredAt.toISOString()).toBe(now());
    // The first public update publishes the incident: the status page shows it.
    const page = (await (await fetch(`${t.url}/status.json`)).json()) as unknown;
    expect(JSON.stringify(page)).toContain("EU checkout degraded; fix rolling out");
  });

  it("marks a posted update as key with its ⭐ button, once, recorded in the timeline", async () => {
    await t.driver.command("update EU fix deployed, error rate falling", { user: alex, channel });
    await t.settle();
    const posted = present(
      t.emulator.messages(channel).find((m) => m.text.includes("EU fix deployed")),
      "the posted update",
    );
    const first = await clickAnswer(blair, CONTROL_ACTIONS.markKey, posted);
    expect(first).toContain("Marked as a key update");
    const again = await clickAnswer(casey, CONTROL_ACTIONS.markKey, posted);
    expect(again).toContain("already marked as key; nothing changed");
    const update = (await entries("update_posted")).find((e) => e.text.includes("EU fix deployed"));
    expect(update?.data).toMatchObject({ key: true });
    const marks = await entries("update_marked_key");
    expect(marks).toHaveLength(1);
    expect(marks[0]).toMatchObject({ actorId: blair });
    expect(marks[0]?.data).toMatchObject({ updateEntryId: update?.id });
    expect(t.emulator.violations).toEqual([]);
  });

  it("refuses Hand over to someone who may not, naming who can; the commander starts it", async () => {
    const refusal = await clickAnswer(blair, CONTROL_ACTIONS.handOver);
    expect(refusal).toContain(
      `Only the incident commander (<@${alex}>) or an incident admin can hand over command`,
    );
    const form = await open(alex, CONTROL_ACTIONS.handOver);
    expect(JSON.stringify(form.view.blocks)).toContain(`now <@${alex}>`);
    expect((await submit(form, { [I.person.block]: { [I.person.action]: blair } })).body).toBe("");
    await t.settle();
    expect(await db().handoff.findFirst({ where: { incidentId } })).toMatchObject({ toUserId: blair });
  });

  it("opens the menu with /incident alone: the controls inside, Declare and the list outside", async () => {
    const inside = await t.driver.command("", { user: blair, channel });
    expect(JSON.stringify(inside.json)).toContain(CONTROL_ACTIONS.severity);
    expect(JSON.stringify(inside.json)).toContain("/incident help");
    const outside = await t.driver.command("", { user: blair, channel: general });
    const menu = outside.json as { text: string; blocks: MessageRecord["blocks"] };
    expect(JSON.stringify(menu)).toContain(CONTROL_ACTIONS.declare);
    const shown = {
      ephemeral: true as const,
      channel: general,
      user: blair,
      ts: "1.000001",
      text: menu.text,
      blocks: menu.blocks,
    };
    const list = await t.driver.clickButton({ user: blair, message: shown, actionId: CONTROL_ACTIONS.list });
    expect(
      await eventually(() => {
        const answers = JSON.stringify(t.emulator.responsesTo(list.responseUrl!));
        expect(answers).toContain("Checkout errors");
        return answers;
      }),
    ).toContain("INC-1");
    const views = t.emulator.views.length;
    await t.driver.clickButton({ user: blair, message: shown, actionId: CONTROL_ACTIONS.declare });
    const declare = await eventually(() =>
      present(t.emulator.views.length > views && t.emulator.views.at(-1), "declare"),
    );
    expect(declare.view.callback_id).toBe(VIEWS.declare);
  });

  it("acts on the workstream from its own summary's controls", async () => {
    await t.driver.command(`workstream add eu1 --lead <@${blair}|blair> --channel`, { user: alex, channel });
    await t.settle();
    const ws = present(
      t.emulator.channels().find((c) => c.name.endsWith("-eu1")),
      "the eu1 channel",
    );
    const wsSummary = summary(ws.id);
    const status = await open(blair, CONTROL_ACTIONS.status, wsSummary);
    expect(JSON.stringify(status.view.blocks)).toContain("Workstream status — now investigating");
    expect(JSON.stringify(status.view.blocks)).not.toContain("Resolving");
    await submit(status, { [I.status.block]: { [I.status.action]: "monitoring" } });
    const board = await open(blair, CONTROL_ACTIONS.recoveryBoard, wsSummary);
    expect(JSON.stringify(board.view.blocks)).toContain('"initial_value":"eu1"');
    await submit(board, {
      [I.service.block]: { [I.service.action]: "checkout" },
      [I.state.block]: { [I.state.action]: "recovering" },
    });
    const roles = await open(alex, CONTROL_ACTIONS.roles, wsSummary);
    await submit(roles, {
      [I.role.block]: { [I.role.action]: "lead" },
      [I.person.block]: { [I.person.action]: casey },
    });
    await t.settle();
    const workstream = await db().workstream.findFirstOrThrow({ where: { incidentId, name: "eu1" } });
    expect(workstream.status).toBe("monitoring");
    expect(await db().serviceStatus.findFirst({ where: { incidentId, region: "eu1" } })).toMatchObject({
      state: "recovering",
    });
    expect((await entries("service_status_changed")).at(-1)).toMatchObject({ workstreamId: workstream.id });
    expect(
      await db().roleAssignment.findFirst({
        where: { incidentId, role: "lead", workstreamId: workstream.id, endedAt: null },
      }),
    ).toMatchObject({ userId: casey });
    expect((await db().incident.findUniqueOrThrow({ where: { id: incidentId } })).status).toBe("identified");
    expect(JSON.stringify(summary(ws.id).blocks)).toContain("monitoring");

    // Someone who works only in the workstream's channel posts its update from its summary,
    // as `/incident update` typed there would.
    const regional = t.emulator.addUser({ name: "ren" }).id;
    t.emulator.joinChannel(ws.id, regional);
    expect(t.emulator.channel(channel)?.members.has(regional)).toBe(false);
    const form = await open(regional, CONTROL_ACTIONS.postUpdate, summary(ws.id));
    await submit(form, {
      [INPUTS.updateText.block]: { [INPUTS.updateText.action]: "eu1 checkout recovering, 60% of cells" },
    });
    await t.settle();
    expect((await entries("update_posted")).at(-1)).toMatchObject({
      actorId: regional,
      workstreamId: workstream.id,
    });
    expect(t.emulator.violations).toEqual([]);
  });

  it("reveals nothing of a private incident to someone outside its channel", async () => {
    const outsider = t.emulator.addUser({ name: "outsider" }).id;
    t.emulator.joinChannel(general, outsider);
    const secret = await declareIncident(t, "Payroll leak --private --sev 1", { by: alex, from: general });
    const pinned = structuredClone(summary(secret.channel.id));
    // Someone forwarded the message's buttons (or crafted the click): the answer names nothing.
    const answer = await clickAnswer(outsider, CONTROL_ACTIONS.severity, {
      ...pinned,
      ephemeral: true as const,
      user: outsider,
    });
    expect(answer).toContain("private incident");
    expect(answer).not.toContain("Payroll");
    expect(answer).not.toContain(`INC-${secret.number}`);
    expect(t.emulator.views.filter((v) => v.user === outsider)).toEqual([]);
  });

  it("answers a control on a closed incident clearly, and the summary drops its controls", async () => {
    const old = structuredClone(summary());
    await t.driver.command("status resolved fixed", { user: alex, channel });
    await t.driver.command("close", { user: alex, channel });
    await t.settle();
    const close = present(t.emulator.views.at(-1), "close form");
    expect(close.view.callback_id).toBe(VIEWS.close);
    await t.driver.submitView({ view: close, values: {} });
    await t.settle();
    const incident = await db().incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(incident.status).toBe("closed");
    const answer = await clickAnswer(blair, CONTROL_ACTIONS.severity, {
      ...old,
      ephemeral: true as const,
      user: blair,
    });
    expect(answer).toContain("This incident is closed.");
    expect(JSON.stringify(t.emulator.messages(channel).find((m) => m.pinned)?.blocks)).not.toContain(
      '"controls:',
    );
  });
});
