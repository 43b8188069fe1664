// Publishing to Atlassian Statuspage end to end, against a local emulator of its REST API:
// the first public update creates one Statuspage incident and later ones update it, the board
// becomes component statuses, resolving resolves both, `/incident publish` sends the status it
// had by then, formatting marks are dropped, a 429 waits for Retry-After and nothing
// doubles, a 401 is said in the channel and on /healthz and not retried, and private incidents,
// internal updates and people's names never reach Statuspage.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import { health } from "../support/paging-fixtures.ts";
import { startSimTestBot } from "../support/sim-emulator.ts";
import { type StatuspageEmulator, startStatuspageEmulator } from "../support/statuspage-emulator/index.ts";

type Reply = { text: string };

describe("publishing to Statuspage", () => {
  let t: TestBot;
  let sp: StatuspageEmulator;
  let alex: string;
  let blair: string;
  let general: string;
  let main: string;
  let second: string;

  const command = async (text: string, channel = main) =>
    (await t.driver.command(text, { user: alex, channel })).json as Reply;
  const statuspageHealth = async () => (await health(t)).statuspage as Record<string, unknown>;
  const everythingSent = () => JSON.stringify(sp.requests.map((r) => [r.path, r.body]));

  beforeAll(async () => {
    sp = await startStatuspageEmulator();
    t = await startSimTestBot({ announceChannel: false, env: sp.env() });
    alex = t.emulator.addUser({ name: "alexresponder" }).id;
    blair = t.emulator.addUser({ name: "blaironcall" }).id;
    general = t.emulator.addChannel({ name: "general", members: [alex, blair] }).id;
    main = (await declareIncident(t, `Checkout failing for <@${blair}> --sev 1`, { by: alex, from: general }))
      .channel.id;
    second = (await declareIncident(t, "Search slow --sev 3", { by: alex, from: general })).channel.id;
  });
  afterAll(async () => {
    await t?.stop();
    await sp?.stop();
  });

  it("sends nothing for a private incident, internal updates or an unpublished board", async () => {
    await command("declare Payroll exposure --private --sev 2", general);
    await t.settle();
    const privateChannel = t.emulator.channels().find((c) => c.name.startsWith("inc-3-"))!.id;
    await command("service payroll outage --region eu1", privateChannel);
    expect((await command("update --public payroll is down", privateChannel)).text).toMatch(/private/);
    await command("update internal-only-rollback-detail");
    await command("service checkout outage --region eu1");
    await t.settle();
    expect(sp.requests).toEqual([]);
  });

  it("creates one Statuspage incident with the first public update, without names", async () => {
    await command("update --public Checkout is failing for some customers; we are on it");
    await t.settle();
    expect(sp.incidents).toHaveLength(1);
    const [incident] = sp.incidents;
    expect(incident).toMatchObject({ name: "Checkout failing for someone", status: "investigating" });
    expect(incident!.incident_updates.map((u) => u.body)).toEqual([
      "Checkout is failing for some customers; we are on it",
    ]);
    expect(sp.requests.every((r) => r.authorization === `OAuth ${sp.apiKey}`)).toBe(true);
    // Publishing brought the board it already had: checkout is out in its one region.
    expect(sp.components).toEqual([expect.objectContaining({ name: "checkout", status: "major_outage" })]);
    // …and the incident names it as affected.
    expect(incident!.component_ids).toEqual([sp.components[0]!.id]);
    expect(everythingSent()).not.toContain(blair);
    expect(everythingSent()).not.toContain("blaironcall");
    expect(everythingSent()).not.toContain("internal-only-rollback-detail");
    expect(everythingSent()).not.toContain("payroll");
  });

  it("updates the same incident with the next public update and a status change", async () => {
    await command("status identified");
    await command("update --public We found the cause and are rolling back");
    await t.settle();
    expect(sp.incidents).toHaveLength(1);
    const [incident] = sp.incidents;
    expect(incident!.status).toBe("identified");
    expect(incident!.incident_updates[0]).toMatchObject({
      status: "identified",
      body: "We found the cause and are rolling back",
    });
    expect(sp.writes().filter((r) => r.method === "POST" && r.path.endsWith("/incidents"))).toHaveLength(1);
  });

  it("sends Slack formatting as plain words", async () => {
    await command(
      "update --public *Rollback* is _underway_ for `payments-api`; see <https://status.example.com/eu|the EU page>",
    );
    await t.settle();
    expect(sp.incidents[0]!.incident_updates[0]?.body).toBe(
      "Rollback is underway for payments-api; see the EU page (https://status.example.com/eu)",
    );
  });

  it("renames the Statuspage incident with the title, without a new update there", async () => {
    const updates = sp.incidents[0]!.incident_updates.length;
    await command(`title Checkout failing for card payments (ask <@${blair}>)`);
    await t.settle();
    expect(sp.incidents[0]!.name).toBe("Checkout failing for card payments (ask someone)");
    expect(sp.incidents[0]!.incident_updates).toHaveLength(updates);
    expect(everythingSent()).not.toContain("blaironcall");
  });

  it("keeps the component in step with the board (worst state across regions)", async () => {
    await command("service checkout operational --region us1");
    await t.settle();
    expect(sp.components.find((c) => c.name === "checkout")?.status).toBe("partial_outage");
    await command("service checkout recovering --region eu1");
    await t.settle();
    expect(sp.components.find((c) => c.name === "checkout")?.status).toBe("degraded_performance");
    // Created once, then only updated.
    expect(sp.writes().filter((r) => r.method === "POST" && r.path.endsWith("/components"))).toHaveLength(1);
  });

  it("waits out a 429's Retry-After and sends the update once", async () => {
    sp.injectFault({ status: 429, retryAfter: 30 });
    const before = sp.incidents[0]!.incident_updates.length;
    await command("update --public Rollback is at 50%");
    await t.settle();
    expect(sp.requests.at(-1)?.status).toBe(429);
    expect(sp.incidents[0]!.incident_updates).toHaveLength(before);
    expect(await statuspageHealth()).toMatchObject({ status: "degraded", pending: 1 });
    await t.advance("29s");
    expect(sp.incidents[0]!.incident_updates).toHaveLength(before);
    await t.advance("2s");
    await t.settle();
    expect(sp.incidents[0]!.incident_updates).toHaveLength(before + 1);
    expect(sp.incidents[0]!.incident_updates[0]?.body).toBe("Rollback is at 50%");
    await t.advance("10m");
    expect(sp.incidents[0]!.incident_updates).toHaveLength(before + 1);
    expect(await statuspageHealth()).toMatchObject({ status: "ok", pending: 0, failed: 0 });
  });

  it("resolves the Statuspage incident and its components when the incident is resolved", async () => {
    await command("status resolved fixed by rollback");
    await t.settle();
    expect(sp.incidents[0]).toMatchObject({ status: "resolved" });
    expect(sp.incidents[0]!.resolved_at).not.toBeNull();
    expect(sp.components.find((c) => c.name === "checkout")?.status).toBe("operational");
  });

  it("does not create or update twice when Statuspage's answer is lost (500 after doing it)", async () => {
    const login = (await declareIncident(t, "Login errors --sev 2", { by: alex, from: general })).channel.id;
    sp.injectFault({ status: 500, afterProcessing: true });
    await command("update --public Some logins fail", login);
    await t.settle();
    const ours = () => sp.incidents.filter((i) => i.name === "Login errors");
    expect(ours()).toHaveLength(1);
    await t.advance("2s");
    await t.settle();
    // The retry found the incident it had created instead of creating another.
    expect(ours()).toHaveLength(1);
    expect((await statuspageHealth()).pending).toBe(0);

    sp.injectFault({ status: 500, afterProcessing: true });
    await command("update --public Logins work again for most people", login);
    await t.settle();
    await t.advance("2s");
    await t.settle();
    expect(ours()[0]!.incident_updates.map((u) => u.body)).toEqual([
      "Logins work again for most people",
      "Some logins fail",
    ]);
    expect((await statuspageHealth()).pending).toBe(0);
  });

  it("sends a status reached before publishing once `/incident publish` puts the incident there", async () => {
    const billing = (await declareIncident(t, "Billing delays --sev 3", { by: alex, from: general })).channel
      .id;
    await command("status identified", billing);
    await t.settle();
    const ours = () => sp.incidents.filter((i) => i.name === "Billing delays");
    expect(ours()).toEqual([]);
    await command("publish", billing);
    await t.settle();
    expect(ours()).toEqual([expect.objectContaining({ status: "identified" })]);
    await command("status resolved invoices caught up", billing);
    await t.settle();
    expect(ours()).toEqual([expect.objectContaining({ status: "resolved" })]);
    expect(ours()[0]!.resolved_at).not.toBeNull();
  });

  it("says a refusal (401) in the channel and on /healthz, and does not retry it", async () => {
    sp.injectFault({ status: 401 });
    const writesBefore = sp.writes().length;
    await command("update --public Search is slow for some customers", second);
    await t.settle();
    expect(
      sp
        .writes()
        .slice(writesBefore)
        .map((r) => r.status),
    ).toEqual([401]);
    const line = t.emulator.messages(second).find((m) => m.text.includes("Statuspage refused"));
    expect(line?.text).toContain("HTTP 401");
    expect(line?.text).toContain("check STATUSPAGE_API_KEY and STATUSPAGE_PAGE_ID");
    expect(line?.text).not.toContain(sp.apiKey);
    expect(await statuspageHealth()).toMatchObject({ status: "failing", failed: 1 });
    expect(JSON.stringify(await health(t))).not.toContain(sp.apiKey);
    await t.advance("10m");
    expect(sp.writes().slice(writesBefore)).toHaveLength(1);
    expect(sp.incidents.map((i) => i.name)).not.toContain("Search slow");
  });
});
