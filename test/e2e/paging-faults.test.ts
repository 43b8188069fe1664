// `/incident page` against pagers that fail: an outage (500s, then 429 with Retry-After) loses
// nothing and shows on /healthz until the page goes out once; a refusal (400) is not retried,
// and is said in the channel and on /healthz; unknown people and teams get a clear answer;
// resolving the incident resolves its open pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, PAGE_INPUTS } from "../../src/slack/ids.ts";
import type { TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import { eventually, present } from "../support/eventually.ts";
import { blocksText, PEOPLE } from "../support/handoff-fixtures.ts";
import type { PagerEmulator } from "../support/pager-emulator/index.ts";
import { health, replyText, startPagingBot, stopPagingBot } from "../support/paging-fixtures.ts";
import type { ChannelRecord } from "../support/slack-emulator/types.ts";

const { riley, aoife, sam, jo } = PEOPLE;

describe("paging through faults", () => {
  let t: TestBot;
  let pagers: PagerEmulator;
  let channel: ChannelRecord;

  beforeAll(async () => {
    let general: string;
    ({ t, pagers, general } = await startPagingBot({ pagers: ["pagerduty", "opsgenie"] }));
    ({ channel } = await declareIncident(t, "Checkout errors --sev 1", { by: riley.id, from: general }));
  });
  afterAll(() => stopPagingBot({ t, pagers }));

  const page = async (text: string) => {
    const response = await t.driver.command(`page ${text}`, { user: riley.id, channel: channel.id });
    const reply = await replyText(t, response);
    await t.settle();
    return reply;
  };
  const keyIn = (reply: string) => {
    const key = /incident-\d+-page-\d+/.exec(reply)?.[0];
    if (!key) throw new Error(`no page key in: ${reply}`);
    return key;
  };
  const pagerduty = async () =>
    ((await health(t)).pagers as Record<string, Record<string, unknown>>).pagerduty;

  it("keeps a page through a PagerDuty outage and sends it once when PagerDuty answers", async () => {
    pagers.injectFault({ pager: "pagerduty", kind: "status", status: 500, times: 2 });
    pagers.injectFault({ pager: "pagerduty", kind: "status", status: 429, retryAfter: 30 });
    const reply = await page(`<@${aoife.id}> checkout db failover needs you`);
    expect(reply).toContain(`Paging <@${aoife.id}> through PagerDuty, Opsgenie`);
    const key = keyIn(reply);
    // Opsgenie took it at once; PagerDuty answered 500 and the step waits for a retry.
    expect(pagers.opsgenieActions(key)).toEqual(["create"]);
    expect(pagers.received("pagerduty").map((r) => r.status)).toEqual([500]);
    expect(await pagerduty()).toMatchObject({ status: "degraded", pending: 1, failed: 0 });
    expect((await health(t)).status).toBe("degraded");

    await t.advance("1s");
    await t.advance("2s");
    expect(pagers.received("pagerduty").map((r) => r.status)).toEqual([500, 500, 429]);
    expect(await pagerduty()).toMatchObject({ status: "degraded", pending: 1 });
    // Retry-After: 30 is honoured: nothing goes before it has passed.
    await t.advance("29s");
    expect(pagers.received("pagerduty")).toHaveLength(3);
    await t.advance("2s");
    expect(pagers.received("pagerduty").map((r) => r.status)).toEqual([500, 500, 429, 202]);
    expect(pagers.pagerdutyAlerts.get(key)).toMatchObject({ status: "triggered", triggers: 1 });
    expect(await pagerduty()).toMatchObject({ status: "ok", pending: 0, failed: 0 });
    expect((await health(t)).status).toBe("ok");
  });

  it("reports a page PagerDuty refuses in the channel and on /healthz, and does not retry it", async () => {
    pagers.injectFault({ pager: "pagerduty", kind: "status", status: 400 });
    const key = keyIn(await page(`<@${sam.id}> payments`));
    expect(pagers.received("pagerduty").filter((r) => r.status === 400)).toHaveLength(1);
    const line = t.emulator.messages(channel.id).find((m) => m.text.includes("failed at PagerDuty"));
    expect(line?.text).toContain(`<@${sam.id}>`);
    expect(line?.text).toContain("HTTP 400");
    expect(await pagerduty()).toMatchObject({ status: "failing", failed: 1, pending: 0 });
    // Opsgenie still has it: the page is not lost, only PagerDuty's copy.
    expect(pagers.opsgenieActions(key)).toEqual(["create"]);
    const board = t.emulator.messages(channel.id).filter((m) => m.text.startsWith(":pager: *Pages*"));
    expect(board).toHaveLength(1);
    expect(blocksText(board[0]!)).toContain("PagerDuty refused it: HTTP 400");

    // Later work goes on; the refused trigger is never sent again.
    const refused = () => pagers.received("pagerduty").filter((r) => r.body.dedup_key === key);
    await t.advance("10m");
    const teamKey = keyIn(await page("database replica lag"));
    // The team has no key of its own: PagerDuty gets it with the default key.
    expect(pagers.pagerdutyActions(teamKey)).toEqual(["trigger"]);
    expect(refused()).toHaveLength(1);
    expect(pagers.opsgenieAlerts.at(-1)).toMatchObject({
      alias: teamKey,
      responders: [{ type: "team", name: "Database SRE" }],
    });
  });

  it("names what is missing when a person or team cannot be paged", async () => {
    expect(await page("*nosuch*team")).toContain("is not someone I can page");
    const unknownTeam = await page("payments-oncall checkout");
    expect(unknownTeam).toContain("No pager team is called `payments-oncall`");
    expect(unknownTeam).toContain("known teams: `incident-managers`, `database`");
    expect(unknownTeam).toContain("PAGER_TARGETS_FILE");
    // Jo has no email in Slack and is not in the targets file.
    const unknownPerson = await page(`<@${jo.id}>`);
    expect(unknownPerson).toContain(`<@${jo.id}> cannot be paged`);
    expect(unknownPerson).toContain(`\`- slack: ${jo.id}\``);
    expect(
      pagers.opsgenieAlerts.some((a) => a.responders.some((r) => JSON.stringify(r).includes(jo.id))),
    ).toBe(false);
  });

  it("pages a team from the Page someone form on the channel's Pages message", async () => {
    await page(`<@${aoife.id}> form test`);
    const board = t.emulator.messages(channel.id).find((m) => m.text.startsWith(":pager: *Pages*"))!;
    const viewsBefore = t.emulator.views.length;
    await t.driver.clickButton({ user: riley.id, message: board, actionId: ACTIONS.pageSomeone });
    const form = await eventually(() => present(t.emulator.views[viewsBefore], "the Page someone form"));
    // Nobody picked: the form says so under the person field and stays open.
    const empty = await t.driver.submitView({ user: riley.id, view: form, values: {} });
    expect(JSON.stringify(empty.json)).toContain("Pick a person or a team to page.");
    const alertsBefore = pagers.opsgenieAlerts.length;
    await t.driver.submitView({
      user: riley.id,
      view: form,
      values: {
        [PAGE_INPUTS.team.block]: { [PAGE_INPUTS.team.action]: "database" },
        [PAGE_INPUTS.reason.block]: { [PAGE_INPUTS.reason.action]: "replica <!channel> lag" },
      },
    });
    await t.settle();
    const created = pagers.opsgenieAlerts.slice(alertsBefore);
    expect(created).toHaveLength(1);
    expect(created[0]?.responders).toEqual([{ type: "team", name: "Database SRE" }]);
    expect(created[0]?.message).toContain("replica <!channel> lag");
    // The channel's message shows the typed reason escaped.
    const updated = t.emulator.messages(channel.id).find((m) => m.text.startsWith(":pager: *Pages*"))!;
    expect(updated.text).toContain("team `database`");
    expect(updated.text).toContain("replica &lt;!channel&gt; lag");
  });

  it("resolves the incident's open pages when the incident is resolved", async () => {
    const person = keyIn(await page(`<@${aoife.id}> still needed`));
    const team = keyIn(await page("database"));
    pagers.injectFault({ pager: "pagerduty", kind: "status", status: 403 });
    const refused = keyIn(await page(`<@${sam.id}>`));
    await t.driver.command("status resolved failover done", { user: riley.id, channel: channel.id });
    await t.settle();
    expect(pagers.pagerdutyActions(person)).toEqual(["trigger", "resolve"]);
    expect(pagers.opsgenieActions(person)).toEqual(["create", "close"]);
    expect(pagers.opsgenieActions(team)).toEqual(["create", "close"]);
    // PagerDuty refused that trigger: there is nothing there to resolve.
    expect(pagers.pagerdutyActions(refused)).toEqual([]);
    expect(pagers.opsgenieActions(refused)).toEqual(["create", "close"]);
    const board = t.emulator.messages(channel.id).filter((m) => m.text.startsWith(":pager: *Pages*"));
    expect(board).toHaveLength(1);
    expect(board[0]?.text).not.toContain("waiting for acknowledgement");
    expect(t.emulator.violations).toEqual([]);
  });
});
