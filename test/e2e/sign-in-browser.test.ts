// Sign in with Slack in a real browser (headless Chromium): the bot sends it to the emulator's
// authorize page, the person clicks their name, and the browser comes back signed in — the
// cookies (SameSite=Lax state cookie on the way back, HttpOnly session) work as browsers apply
// them, not only as the hand-driven fetch tests assume.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestBot } from "../support/bot-harness.ts";
import { type Browser, launchChromium } from "../support/chromium.ts";
import { signInInBrowser, startSignInBot } from "../support/web-sign-in.ts";

describe("Sign in with Slack in Chromium", () => {
  let t: TestBot;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startSignInBot();
    t.emulator.addUser({ name: "dana", realName: "Dana Diaz", tz: "America/Chicago" });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it("signs in by picking a person on Slack's page and lands where it was going", async () => {
    const page = await browser.context.newPage();
    await signInInBrowser(page, t, "Dana Diaz", "/auth/session");
    expect(new URL(page.url()).pathname).toBe("/auth/session");
    const session = JSON.parse(((await page.locator("body").textContent()) ?? "").trim()) as Record<
      string,
      unknown
    >;
    expect(session).toMatchObject({ signedIn: true, name: "Dana Diaz", timeZone: "America/Chicago" });
    // The session cookie is HttpOnly: the page's scripts cannot read it.
    expect(await page.evaluate("document.cookie")).toBe("");
    await page.close();
  });
});
