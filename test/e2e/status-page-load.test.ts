// The public status page under its audience during a large outage: a burst of views over the
// HTML page, the JSON and the feed costs the bot one database read (counted on /metrics), every
// view gets the same page, and caches in front are told they may keep it as long.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import { metricValue } from "../support/metrics-text.ts";
import { startSimTestBot } from "../support/sim-emulator.ts";

describe("the public status page under load", () => {
  let t: TestBot & { announce: string | undefined };
  let alex: string;
  let channel: string;

  const command = (text: string) => t.driver.command(text, { user: alex, channel });
  const reads = async () => {
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    return Number(metricValue(metrics, "incident_bot_status_page_reads_total"));
  };

  beforeAll(async () => {
    t = await startSimTestBot({ env: { STATUS_PAGE_CACHE: "60s" } });
    alex = t.emulator.addUser({ name: "alexresponder" }).id;
    const general = t.emulator.addChannel({ name: "general", members: [alex] }).id;
    channel = (await declareIncident(t, "Logs delayed in every region --sev 1", { by: alex, from: general }))
      .channel.id;
    await command("update --public Log ingestion is delayed in all regions");
    await t.settle();
  });
  afterAll(() => t.stop());

  it("answers a burst of 60 views from one database read, the same page to each", async () => {
    const before = await reads();
    const paths = ["/status", "/status.json", "/status.atom"];
    const responses = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const path = paths[i % paths.length] as string;
        const response = await fetch(`${t.url}${path}`);
        return {
          path,
          status: response.status,
          cache: response.headers.get("cache-control"),
          body: await response.text(),
        };
      }),
    );
    expect(await reads()).toBe(before + 1);
    for (const r of responses) {
      expect(r.status).toBe(200);
      expect(r.cache).toBe("public, max-age=60");
    }
    for (const path of paths) {
      const bodies = new Set(responses.filter((r) => r.path === path).map((r) => r.body));
      expect(bodies.size).toBe(1);
      expect([...bodies][0]).toContain("Log ingestion is delayed in all regions");
    }
  });

  it("keeps serving that read for STATUS_PAGE_CACHE after a change, without reading again", async () => {
    const before = await reads();
    await command("update --public Live data is back in us1");
    await t.settle();
    const page = await (await fetch(`${t.url}/status.json`)).text();
    expect(page).toContain("Log ingestion is delayed in all regions");
    expect(page).not.toContain("Live data is back in us1");
    expect(await reads()).toBe(before);
  });
});
