// PAGE_ON_SEV: declaring at, or escalating to, a listed severity pages the leadership target
// of the targets file, once per incident and severity.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import { PEOPLE } from "../support/handoff-fixtures.ts";
import type { PagerEmulator } from "../support/pager-emulator/index.ts";
import { MANAGERS_ROUTING_KEY, startPagingBot, stopPagingBot } from "../support/paging-fixtures.ts";

const { riley } = PEOPLE;

describe("paging leadership on severe incidents", () => {
  let t: TestBot;
  let pagers: PagerEmulator;
  let general: string;

  beforeAll(async () => {
    ({ t, pagers, general } = await startPagingBot({ pagers: ["pagerduty"], env: { PAGE_ON_SEV: "1,2" } }));
  });
  afterAll(() => stopPagingBot({ t, pagers }));

  it("pages the leadership team on a SEV2 declaration and again on escalation to SEV1, never twice", async () => {
    const { channel } = await declareIncident(t, "Login failing --sev 2", { by: riley.id, from: general });
    await t.settle();
    expect([...pagers.pagerdutyAlerts.values()].map((a) => [a.dedupKey, a.routingKey])).toEqual([
      ["incident-1-sev2-leadership", MANAGERS_ROUTING_KEY],
    ]);
    await t.driver.command("sev 1 all regions", { user: riley.id, channel: channel.id });
    await t.settle();
    await t.driver.command("sev 3 contained", { user: riley.id, channel: channel.id });
    await t.driver.command("sev 1 back again", { user: riley.id, channel: channel.id });
    await t.settle();
    expect(pagers.pagerdutyActions("incident-1-sev1-leadership")).toEqual(["trigger"]);
    expect(pagers.pagerdutyAlerts.get("incident-1-sev1-leadership")?.summary).toContain("SEV1");
    expect(pagers.pagerdutyAlerts.size).toBe(2);

    // A SEV3 declaration pages nobody.
    await declareIncident(t, "Slow reports --sev 3", { by: riley.id, from: general });
    await t.settle();
    expect(pagers.pagerdutyAlerts.size).toBe(2);
    expect(t.emulator.violations).toEqual([]);
  });
});
