// Label values are bounded: a Slack method, outbox kind or job name that is not shaped like one
// is counted under "other", so nothing a request or a row carries can become a new series.
import { describe, expect, it } from "vitest";
import { SimulatedClock } from "../../src/clock/clock.ts";
import { createLogger } from "../../src/log/logger.ts";
import { createMetrics } from "../../src/metrics/metrics.ts";

const logger = createLogger({ level: "fatal", format: "json", destination: { write: () => {} } });

describe("metric labels", () => {
  it("keep known shapes and fold anything else into other", async () => {
    const metrics = createMetrics({
      clock: new SimulatedClock(new Date("2026-03-08T06:00:00Z")),
      logger,
      readCounts: async () => ({
        openIncidentsBySeverity: { 1: 0, 2: 1, 3: 0, 4: 0 },
        handoffsPendingAcceptance: 2,
        outbox: [
          { kind: "message.post", pending: 3, oldestPendingAt: new Date("2026-03-08T05:59:00Z") },
          { kind: "Checkout is down for U0123ABC", pending: 1, oldestPendingAt: null },
        ],
      }),
    });
    metrics.slackCall("chat.postMessage");
    metrics.slackCall("https://hooks.example/U0123ABC");
    metrics.slackError("response_url", "transient");
    metrics.schedulerLag("handoff-prompts", 12);
    metrics.schedulerLag("a job named after <@U0123ABC>", 1);
    const { body } = await metrics.render();
    expect(body).toContain('incident_bot_slack_api_calls_total{method="chat.postMessage"} 1');
    expect(body).toContain('incident_bot_slack_api_calls_total{method="other"} 1');
    expect(body).toContain('incident_bot_slack_api_errors_total{method="response_url",kind="transient"} 1');
    expect(body).toContain('incident_bot_scheduler_lag_seconds_count{job="handoff-prompts"} 1');
    expect(body).toContain('incident_bot_scheduler_lag_seconds_count{job="other"} 1');
    expect(body).toContain('incident_bot_outbox_pending_messages{kind="message.post"} 3');
    expect(body).toContain('incident_bot_outbox_oldest_pending_age_seconds{kind="message.post"} 60');
    expect(body).toContain('incident_bot_outbox_pending_messages{kind="other"} 1');
    expect(body).toContain('incident_bot_incidents_open{severity="SEV2"} 1');
    expect(body).toContain("incident_bot_handoffs_pending_acceptance 2");
    expect(body).not.toContain("U0123ABC");
  });

  it("keep the last values and count the failure when the database cannot be read", async () => {
    let fail = false;
    const metrics = createMetrics({
      clock: new SimulatedClock(new Date("2026-03-08T06:00:00Z")),
      logger,
      readCounts: async () => {
        if (fail) throw new Error("database down");
        return {
          openIncidentsBySeverity: { 1: 1, 2: 0, 3: 0, 4: 0 },
          handoffsPendingAcceptance: 0,
          outbox: [],
        };
      },
    });
    await metrics.render();
    fail = true;
    const { body } = await metrics.render();
    expect(body).toContain('incident_bot_incidents_open{severity="SEV1"} 1');
    expect(body).toContain("incident_bot_metrics_database_read_errors_total 1");
  });
});
