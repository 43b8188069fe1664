// Operator events keep their names and fields: the pager hook logs a failed page once, at warn
// while it will be retried and at error when given up on, with ids and codes only.
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/log/logger.ts";
import { logPagerFailure } from "../../src/log/operator-events.ts";

describe("pager failure events", () => {
  it("are logged with stable fields, warn while retried and error when given up", () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: "info",
      format: "json",
      destination: { write: (l) => lines.push(l) },
    });
    logPagerFailure(logger, {
      pager: "pagerduty",
      incidentId: 7,
      attempts: 2,
      status: 503,
      reason: "HTTP 503",
      willRetry: true,
    });
    logPagerFailure(logger, {
      pager: "opsgenie",
      incidentId: 7,
      attempts: 1,
      status: 422,
      reason: "HTTP 422",
      willRetry: false,
    });
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries).toEqual([
      expect.objectContaining({
        level: 40,
        event: "pager_delivery_failed",
        pager: "pagerduty",
        incidentId: 7,
        attempts: 2,
        status: 503,
        willRetry: true,
      }),
      expect.objectContaining({
        level: 50,
        event: "pager_delivery_failed",
        pager: "opsgenie",
        willRetry: false,
      }),
    ]);
  });
});
