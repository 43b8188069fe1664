// The internal incident pages in a real browser (headless Chromium) against the real bot and
// the emulator's Sign in with Slack: signing in, the list, an incident page whose board shows
// what the pinned Slack board shows, hostile titles, updates and notes inert (no script runs,
// no image loads), a private incident refused to a non-member with the same 404 as an unknown
// number, axe-core finding nothing serious, and screenshots kept in test-artifacts/.
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousAxeViolations } from "../support/axe.ts";
import type { TestBot } from "../support/bot-harness.ts";
import { type Browser, launchChromium } from "../support/chromium.ts";
import { declareIncident } from "../support/declared-incident.ts";
import { slackBoardStates } from "../support/slack-board-states.ts";
import { signInInBrowser, startSignInBot } from "../support/web-sign-in.ts";

const HOSTILE_TITLE = "Ingest &lt;script&gt;window.__xss=1&lt;/script&gt; down";
const HOSTILE_UPDATE =
  '"&gt;&lt;img src=x onerror=window.__xss=2&gt; &lt;!channel&gt; *bold* &lt;https://evil.example|click&gt;';
const HOSTILE_NOTE = "&lt;/td&gt;&lt;script&gt;window.__xss=3&lt;/script&gt; LB theory";

describe("the internal incident pages in Chromium", () => {
  let t: TestBot;
  let browser: Browser;
  let channel: string;
  let publicNumber: number;
  let privateNumber: number;
  let ic: string;
  let outsider: string;

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startSignInBot();
    ic = t.emulator.addUser({ name: "ines", realName: "Ines Duarte", tz: "Asia/Seoul" }).id;
    outsider = t.emulator.addUser({ name: "otto", realName: "Otto Berg" }).id;
    const general = t.emulator.addChannel({ name: "general", members: [ic, outsider] }).id;
    const declared = await declareIncident(t, `${HOSTILE_TITLE} --sev 1`, { by: ic, from: general });
    channel = declared.channel.id;
    publicNumber = declared.number;
    const say = (text: string) => t.driver.command(text, { user: ic, channel });
    await say("service ingest outage --region eu1");
    await say("service ingest recovered --region us1");
    await say("service ingest recovering --region us1 --phase backfill");
    await say("service search degraded");
    await say(`update ${HOSTILE_UPDATE}`);
    await say(`note ${HOSTILE_NOTE}`);
    privateNumber = (await declareIncident(t, "Payroll export leak --private", { by: ic, from: general }))
      .number;
    await t.settle();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  async function watched(page: Page) {
    const dialogs: string[] = [];
    const images: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on("request", (request) => {
      if (request.resourceType() === "image") images.push(request.url());
    });
    return { dialogs, images };
  }

  it("signs in, lists the incidents and shows one whose board matches the Slack board", async () => {
    const page = await browser.context.newPage();
    const seen = await watched(page);
    await signInInBrowser(page, t, "Ines Duarte", "/incidents");
    await expect(page.locator(`tr[data-incident="${publicNumber}"] a`).first().textContent()).resolves.toBe(
      `INC-${publicNumber}`,
    );
    // People by name (asked of Slack when the bot did not know them yet).
    await expect(
      page.locator(`tr[data-incident="${publicNumber}"] [data-user="${ic}"]`).textContent(),
    ).resolves.toBe("Ines Duarte");
    // She is in the private incident's channel, so she sees it too.
    await expect(page.locator(`tr[data-incident="${privateNumber}"]`).count()).resolves.toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    mkdirSync("test-artifacts", { recursive: true });
    await page.screenshot({ path: "test-artifacts/incident-list.png", fullPage: true });

    const response = await page.goto(`${t.url}/incidents/${publicNumber}`);
    expect(response?.status()).toBe(200);
    const shown = new Map<string, string>();
    for (const row of await page.locator("#board tbody tr").all()) {
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

    // Hostile text is text: shown as typed, nothing ran, nothing loaded.
    await expect(page.locator("h1 .typed").textContent()).resolves.toBe(
      "Ingest <script>window.__xss=1</script> down",
    );
    const timeline = (await page.locator("#timeline").textContent()) ?? "";
    expect(timeline).toContain('"><img src=x onerror=window.__xss=2> <!channel> *bold*');
    expect(timeline).toContain("</td><script>window.__xss=3</script> LB theory");
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator("#timeline img, main img").count()).toBe(0);
    expect(seen).toEqual({ dialogs: [], images: [] });
    // Times in her zone (Seoul) and in UTC.
    await expect(page.locator("footer").textContent()).resolves.toContain("Asia/Seoul and in UTC");

    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: "test-artifacts/incident-page.png", fullPage: true });
    await page.close();
  });

  it("answers a private incident to a non-member with the 404 of an unknown number", async () => {
    // Ines (signed in by the test above) signs out from the page header.
    const page = await browser.context.newPage();
    await page.goto(`${t.url}/incidents`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/auth/logout");
    // Signed out: the list sends the browser to sign in again (the emulator's authorize page).
    await page.goto(`${t.url}/incidents`);
    expect(page.url()).toContain("/openid/connect/authorize");
    await signInInBrowser(page, t, "Otto Berg", "/incidents");
    await expect(page.locator(`tr[data-incident="${privateNumber}"]`).count()).resolves.toBe(0);
    const hidden = await page.goto(`${t.url}/incidents/${privateNumber}`);
    expect(hidden?.status()).toBe(404);
    const hiddenText = await page.locator("main").textContent();
    expect(hiddenText).not.toContain("Payroll");
    const unknown = await page.goto(`${t.url}/incidents/${privateNumber + 100}`);
    expect(unknown?.status()).toBe(404);
    expect(await page.locator("main").textContent()).toBe(hiddenText);
    await page.close();
  });
});
