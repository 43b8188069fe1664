// GET /metrics after a scripted incident: the series say what happened (commands acknowledged,
// Slack calls and a 429 by method, open incidents by severity, the outbox backlog while a
// message waits out Retry-After and after it goes), labels never carry titles or user IDs, and
// with METRICS_TOKEN set a scrape without the token gets 401.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../support/bot-harness.ts";
import { eventually, present } from "../support/eventually.ts";
import { metricSamples, metricValue } from "../support/metrics-text.ts";

const TOKEN = "metrics-test-token-0123456789";
const TITLE = "Checkout latency zebra";

const value = (body: string, name: string, labels = "") => metricValue(body, name, labels) ?? 0;

describe("GET /metrics", () => {
  let t: TestBot;

  beforeAll(async () => {
    t = await startTestBot({ env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(() => t?.stop());

  async function scrape(): Promise<string> {
    const response = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    return response.text();
  }

  it("refuses a scrape without the bearer token, or with a wrong one", async () => {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${t.url}/metrics`, { headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain("incident_bot");
  });

  it("counts what a scripted incident did", async () => {
    const ic = t.emulator.addUser({ name: "ines" }).id;
    const general = t.emulator.addChannel({ name: "general", members: [ic] }).id;
    const before = await scrape();
    const commandsBefore = value(
      before,
      "incident_bot_ack_duration_seconds_count",
      "outcome=ok,surface=command",
    );

    expect((await t.driver.command(`declare ${TITLE} --sev 3`, { user: ic, channel: general })).status).toBe(
      200,
    );
    await t.settle();
    const channel = present(t.emulator.channelByName("inc-1-checkout-latency-zebra"), "the incident channel");
    await t.driver.command("update rolled back the deploy", { user: ic, channel: channel.id });
    await t.settle();

    // The next post Slack answers with 429: the message waits out Retry-After (60 s).
    const postsBefore = t.emulator.callsTo("chat.postMessage").length;
    t.emulator.injectFault({ method: "chat.postMessage", kind: "rate_limited", retryAfterSeconds: 60 });
    await t.driver.command("sev 2 error rate climbing", { user: ic, channel: channel.id });
    await t.settle();
    await eventually(() =>
      expect(t.emulator.callsTo("chat.postMessage").filter((c) => c.error === "ratelimited")).toHaveLength(1),
    );

    const during = await scrape();
    expect(value(during, "incident_bot_ack_duration_seconds_count", "outcome=ok,surface=command")).toBe(
      commandsBefore + 3,
    );
    expect(value(during, "incident_bot_incidents_open", "severity=SEV2")).toBe(1);
    expect(value(during, "incident_bot_incidents_open", "severity=SEV3")).toBe(0);
    expect(
      value(during, "incident_bot_slack_api_errors_total", "kind=rate_limited,method=chat.postMessage"),
    ).toBe(1);
    expect(value(during, "incident_bot_slack_api_calls_total", "method=chat.postMessage")).toBe(
      t.emulator.callsTo("chat.postMessage").length,
    );
    expect(value(during, "incident_bot_slack_api_calls_total", "method=conversations.create")).toBe(
      t.emulator.callsTo("conversations.create").length,
    );
    const pendingNow = await t.bot.deps.database.db.outboxMessage.findMany({ where: { status: "pending" } });
    expect(pendingNow.length).toBeGreaterThan(0);
    const pendingSeries = metricSamples(during, "incident_bot_outbox_pending_messages");
    const totalPending = [...pendingSeries.values()].reduce((a, b) => a + b, 0);
    expect(totalPending).toBe(pendingNow.length);
    for (const kind of new Set(pendingNow.map((m) => m.kind)))
      expect(pendingSeries.get(`kind=${kind}`)).toBe(pendingNow.filter((m) => m.kind === kind).length);
    expect(value(during, "incident_bot_outbox_deliveries_total", "kind=message.post,outcome=retried")).toBe(
      1,
    );
    expect(value(during, "incident_bot_handoffs_pending_acceptance")).toBe(0);
    // The same retry is one operator event in the log.
    const retries = t.logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.event === "outbox_delivery_retry");
    expect(retries).toEqual([
      expect.objectContaining({ kind: "message.post", method: "chat.postMessage", reason: "rate limited" }),
    ]);
    // Default process metrics come along.
    expect(during).toContain("process_cpu_user_seconds_total");
    expect(during).toContain("nodejs_eventloop_lag_seconds");
    // Bounded labels only: never the title, a user or a channel.
    for (const secret of [TITLE, "zebra", ic, channel.id, general, TOKEN])
      expect(during).not.toContain(secret);

    // 90 s later (simulated) the message has gone: the backlog series read 0 again.
    await t.advance("90s");
    const after = await scrape();
    for (const [labels, pending] of metricSamples(after, "incident_bot_outbox_pending_messages"))
      expect(pending, labels).toBe(0);
    for (const [labels, age] of metricSamples(after, "incident_bot_outbox_oldest_pending_age_seconds"))
      expect(age, labels).toBe(0);
    expect(t.emulator.callsTo("chat.postMessage").length).toBeGreaterThan(postsBefore + 1);
    expect(value(after, "incident_bot_slack_api_calls_total", "method=chat.postMessage")).toBe(
      t.emulator.callsTo("chat.postMessage").length,
    );
  });
});
