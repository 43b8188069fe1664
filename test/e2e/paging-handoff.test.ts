// A handoff nobody accepts pages the incoming holder (escalation 1), then the rotation's
// escalation team (escalation 2), through PagerDuty, Opsgenie and the signed webhook at once,
// each exactly once with a stable key; the late acceptance acknowledges and resolves them all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { incidentForDraft } from "../../src/db/repositories/delivery-scope.ts";
import { BUILTIN } from "../../src/domain/postmortem/render.ts";
import { slackNames } from "../../src/services/postmortem/names.ts";
import { renderDraft } from "../../src/services/postmortem/render-draft.ts";
import { ACTIONS } from "../../src/slack/ids.ts";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import { eventually } from "../support/eventually.ts";
import { blocksText, PEOPLE, seedPeople, writeRotationsFile } from "../support/handoff-fixtures.ts";
import { type PagerEmulator, startPagerEmulator } from "../support/pager-emulator/index.ts";
import { DEFAULT_ROUTING_KEY, MANAGERS_ROUTING_KEY, writeTargetsFile } from "../support/paging-fixtures.ts";
import type { ChannelRecord } from "../support/slack-emulator/types.ts";

const { riley, aoife } = PEOPLE;

/** A bot with both pagers, and an incident declared by Riley that follows follow-the-sun. */
async function incidentFollowingRotation() {
  const { startSlackEmulator } = await import("../support/slack-emulator/index.ts");
  const emulator = await startSlackEmulator();
  seedPeople(emulator);
  const pagers = await startPagerEmulator({ routingKeys: [DEFAULT_ROUTING_KEY, MANAGERS_ROUTING_KEY] });
  const t = await startTestBot({
    emulator,
    env: {
      ROTATIONS_FILE: writeRotationsFile(),
      PAGER_TARGETS_FILE: writeTargetsFile(),
      PAGERDUTY_ROUTING_KEY: DEFAULT_ROUTING_KEY,
      ...pagers.env(),
    },
  });
  const general = t.emulator.addChannel({ name: "general", members: [riley.id, aoife.id] }).id;
  const { channel, id: incidentId } = await declareIncident(t, "Metrics intake delayed --sev 2", {
    by: riley.id,
    from: general,
  });
  await t.driver.command("rotation follow-the-sun", { user: riley.id, channel: channel.id });
  await t.settle();
  return { t, pagers, channel, incidentId };
}

async function stopAll(t: TestBot, pagers: PagerEmulator): Promise<void> {
  await t.stop();
  await t.emulator.stop();
  await pagers.stop();
}

describe("paging a handoff nobody accepts", () => {
  let t: TestBot;
  let pagers: PagerEmulator;
  let channel: ChannelRecord;
  let incidentId: number;

  beforeAll(async () => {
    ({ t, pagers, channel, incidentId } = await incidentFollowingRotation());
  });
  afterAll(() => stopAll(t, pagers));

  const pagesMessages = () =>
    t.emulator.messages(channel.id).filter((m) => m.text.startsWith(":pager: *Pages*"));

  it("pages the incoming holder once per pager, then the escalation team, and acceptance acknowledges both", async () => {
    // Prompted at 07:45 for the 08:00 shift change; acceptance is due within 10 minutes.
    await t.setClock("2026-03-08T08:09:00Z");
    expect(pagers.requests).toHaveLength(0);

    await t.setClock("2026-03-08T08:10:00Z");
    const [holderKey, ...more] = [...pagers.pagerdutyAlerts.keys()];
    expect(more).toEqual([]);
    expect(holderKey).toMatch(/^incident-1-handoff-\d+-holder$/);
    const holder = holderKey as string;
    // Exactly one trigger reached PagerDuty, with the default key (Aoife has none of her own).
    expect(pagers.pagerdutyActions(holder)).toEqual(["trigger"]);
    expect(pagers.pagerdutyAlerts.get(holder)).toMatchObject({
      routingKey: DEFAULT_ROUTING_KEY,
      status: "triggered",
      triggers: 1,
    });
    expect(pagers.pagerdutyAlerts.get(holder)?.summary).toContain("SEV2 incident 1: Metrics intake delayed");
    // One Opsgenie alert, the same key as its alias, to Aoife's email from the targets file.
    expect(pagers.opsgenieAlerts).toHaveLength(1);
    expect(pagers.opsgenieAlerts[0]).toMatchObject({
      alias: holder,
      responders: [{ type: "user", username: "aoife@example.com" }],
      creates: 1,
      priority: "P2",
    });
    // The webhook receiver checked the signature of what it kept.
    expect(pagers.webhookEvents.map((e) => [e.type, e.dedupKey])).toEqual([["page.triggered", holder]]);
    expect(blocksText(pagesMessages()[0]!)).toContain(`<@${aoife.id}>`);

    // Still nobody: the second escalation pages the managers' team (the rotation's contact group).
    await t.setClock("2026-03-08T08:20:00Z");
    const escalationKey = [...pagers.pagerdutyAlerts.keys()].find((k) => k.endsWith("-escalation"));
    expect(escalationKey).toMatch(/^incident-1-handoff-\d+-escalation$/);
    const escalation = escalationKey as string;
    expect(pagers.pagerdutyAlerts.get(escalation)).toMatchObject({
      routingKey: MANAGERS_ROUTING_KEY,
      triggers: 1,
    });
    expect(pagers.opsgenieAlerts.find((a) => a.alias === escalation)?.responders).toEqual([
      { type: "team", name: "Incident Managers" },
    ]);
    // The holder's page was not sent again by the second escalation.
    expect(pagers.pagerdutyActions(holder)).toEqual(["trigger"]);

    // Aoife accepts late, from the reminder in her DMs.
    await t.setClock("2026-03-08T08:25:00Z");
    const reminder = t.emulator.dms(aoife.id).findLast((m) => blocksText(m).includes(ACTIONS.acceptHandoff));
    const click = await t.driver.clickButton({
      user: aoife.id,
      message: reminder!,
      actionId: ACTIONS.acceptHandoff,
    });
    await eventually(() => expect(t.emulator.responsesTo(click.responseUrl!).length).toBeGreaterThan(0));
    await t.settle();

    for (const key of [holder, escalation]) {
      expect(pagers.pagerdutyActions(key)).toEqual(["trigger", "acknowledge", "resolve"]);
      expect(pagers.pagerdutyAlerts.get(key)?.status).toBe("resolved");
      expect(pagers.opsgenieActions(key)).toEqual(["create", "acknowledge", "close"]);
      expect(pagers.opsgenieAlerts.find((a) => a.alias === key)).toMatchObject({
        acknowledged: true,
        status: "closed",
      });
    }
    const acknowledgeRequest = pagers
      .received("opsgenie")
      .find((r) => r.path.includes(`${encodeURIComponent(holder)}/acknowledge`));
    expect(acknowledgeRequest?.headers.authorization).toBe(`GenieKey ${pagers.opsgenieKey}`);
    expect(pagers.webhookEvents.filter((e) => e.dedupKey === holder).map((e) => e.type)).toEqual([
      "page.triggered",
      "page.acknowledged",
      "page.resolved",
    ]);

    // One message in the channel, edited in place, says who acknowledged and when.
    expect(pagesMessages()).toHaveLength(1);
    const board = blocksText(pagesMessages()[0]!);
    expect(board).toContain(`acknowledged by <@${aoife.id}> at 08:25 UTC (15m)`);
    expect(board).toContain("team `incident-managers`");

    const { db } = t.bot.deps.database;
    const entries = await db.timelineEntry.findMany({
      where: { incidentId, kind: { startsWith: "page_" } },
      orderBy: { id: "asc" },
    });
    expect(entries.map((e) => [e.kind, e.occurredAt.toISOString()])).toEqual([
      ["page_sent", "2026-03-08T08:10:00.000Z"],
      ["page_sent", "2026-03-08T08:20:00.000Z"],
      ["page_acknowledged", "2026-03-08T08:25:00.000Z"],
      ["page_resolved", "2026-03-08T08:25:00.000Z"],
      ["page_acknowledged", "2026-03-08T08:25:00.000Z"],
      ["page_resolved", "2026-03-08T08:25:00.000Z"],
    ]);
    expect(entries[2]?.data).toMatchObject({ byUserId: aoife.id, afterMs: 15 * 60_000, dedupKey: holder });
    // The postmortem's response section lists the pages with their time to acknowledge.
    const draft = await renderDraft(t.bot.deps.store.read.views, await incidentForDraft(db, incidentId), {
      generatedAt: new Date("2026-03-08T09:00:00Z"),
      displayTimeZone: null,
      names: slackNames(t.bot.deps),
      template: BUILTIN,
      updateCadence: t.bot.deps.config.incidents.reminderCadence,
      locale: "en",
    });
    expect(draft.markdown).toContain("#### Pages");
    expect(draft.markdown).toContain(
      "**2 pages** went out beyond Slack; 2 acknowledged, median time to acknowledge 10m",
    );
    expect(draft.markdown).toMatch(
      /\| aoife \| you have a shift handoff to accept in Slack \| 15m by aoife \| 08:25 /,
    );
    expect(draft.markdown).toContain("| `incident-managers` |");
    // No key ever reaches the log.
    const logs = t.logs.join("\n");
    for (const secret of [
      DEFAULT_ROUTING_KEY,
      MANAGERS_ROUTING_KEY,
      pagers.opsgenieKey,
      pagers.webhookSecret,
    ])
      expect(logs).not.toContain(secret);
    expect(t.emulator.violations).toEqual([]);
  });
});

describe("detaching the rotation while its handoff is paging", () => {
  let t: TestBot;
  let pagers: PagerEmulator;
  let channel: ChannelRecord;

  beforeAll(async () => {
    ({ t, pagers, channel } = await incidentFollowingRotation());
  });
  afterAll(() => stopAll(t, pagers));

  it("resolves the pages of the handoff it cancels: nobody stays paged for it", async () => {
    await t.setClock("2026-03-08T08:10:00Z");
    const [holder] = [...pagers.pagerdutyAlerts.keys()];
    expect(pagers.pagerdutyActions(holder as string)).toEqual(["trigger"]);
    await t.driver.command("rotation detach", { user: riley.id, channel: channel.id });
    await t.settle();
    await eventually(() => expect(pagers.pagerdutyActions(holder as string)).toEqual(["trigger", "resolve"]));
    expect(pagers.pagerdutyAlerts.get(holder as string)?.status).toBe("resolved");
  });
});
