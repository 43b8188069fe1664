// The status page in a real browser (headless Chromium): the board shows the same states as
// the Slack recovery board, hostile text stays text (no script runs, no image loads), axe-core
// finds no serious or critical accessibility problem, and a screenshot is kept in
// test-artifacts/ for people to look at.
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestBot } from "../support/bot-harness.ts";
import { type Browser, launchChromium } from "../support/chromium.ts";
import { declareIncident } from "../support/declared-incident.ts";
import { startSimTestBot } from "../support/sim-emulator.ts";
import { slackBoardStates } from "../support/slack-board-states.ts";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown }[];
}

describe("the status page in Chromium", () => {
  let t: TestBot & { announce: string | undefined };
  let browser: Browser;
  let channel: string;
  let ic: string;

  const command = (text: string) => t.driver.command(text, { user: ic, channel });

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startSimTestBot();
    ic = t.emulator.addUser({ name: "ines" }).id;
    const general = t.emulator.addChannel({ name: "general", members: [ic] }).id;
    channel = (
      await declareIncident(t, "Ingestion &lt;script&gt;window.__xss=1&lt;/script&gt; delayed --sev 1", {
        by: ic,
        from: general,
      })
    ).channel.id;
    await command("service ingest outage --region eu1");
    await command("service ingest recovered --region us1");
    await command("service ingest recovering --region us1 --phase backfill");
    await command("service search degraded");
    await command(
      'update --public Delays in EU "&gt;&lt;img src=x onerror=window.__xss=2&gt; &lt;script&gt;window.__xss=3&lt;/script&gt;',
    );
    await t.settle();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it("shows the Slack board's states, keeps hostile text inert and passes axe", async () => {
    const page = await browser.context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const response = await page.goto(`${t.url}/status`);
    expect(response?.status()).toBe(200);

    const shown = new Map<string, string>();
    for (const row of await page.locator("#components tbody tr").all()) {
      const service = await row.getAttribute("data-service");
      const region = await row.getAttribute("data-region");
      for (const phase of ["live", "backfill"]) {
        const state = await row.locator(`td[data-phase="${phase}"] [data-state]`).getAttribute("data-state");
        shown.set(`${service}/${region}/${phase}`, state ?? "missing");
      }
    }
    const slack = slackBoardStates(t.emulator, channel);
    expect(slack.size).toBe(6);
    expect(shown).toEqual(slack);

    // Hostile text is text: visible as typed, nothing ran, nothing loaded.
    await expect(page.locator("h3").first().textContent()).resolves.toBe(
      "Ingestion <script>window.__xss=1</script> delayed",
    );
    await expect(page.locator(".update-text").first().textContent()).resolves.toContain(
      '"><img src=x onerror=window.__xss=2>',
    );
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator("img").count()).toBe(0);
    expect(dialogs).toEqual([]);

    await page.addScriptTag({ content: AXE_SOURCE });
    const violations = (await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
      return (await axe.run()).violations;
    })) as AxeViolation[];
    const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    mkdirSync("test-artifacts", { recursive: true });
    await page.screenshot({ path: "test-artifacts/status-page.png", fullPage: true });
  });
});
