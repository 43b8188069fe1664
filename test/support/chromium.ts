// Headless Chromium for the browser tests: Debian's `chromium` package driven by
// playwright-core (no browser download). A machine without it gets it installed here when the
// tests run as root with apt (CI does); otherwise the tests stop with the exact command to
// run. Never a silent skip.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
// The lock timeout waits for another apt run (a second test run installing it too) instead of failing.
export const INSTALL_CHROMIUM =
  "apt-get -o DPkg::Lock::Timeout=600 update && apt-get -o DPkg::Lock::Timeout=600 install -y chromium";

/** The flags the env notes ask for: no sandbox (root in a container), no GPU, no network of its own. */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync("/usr/bin/apt-get");
  if (isRoot && hasApt) {
    try {
      execFileSync("sh", ["-c", INSTALL_CHROMIUM], {
        stdio: "inherit",
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      });
    } catch (error) {
      throw new Error(`Installing Chromium failed; run as root: ${INSTALL_CHROMIUM}\n${String(error)}`);
    }
    if (existsSync(CHROMIUM)) return CHROMIUM;
  }
  throw new Error(
    `The browser tests need Debian's chromium at ${CHROMIUM}. Install it with: sudo sh -c '${INSTALL_CHROMIUM}'`,
  );
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh headless Chromium with a new, empty profile, removed on close. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = ensureChromium();
  const profile = mkdtempSync(join(tmpdir(), "chromium-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: FLAGS,
    // axe-core is injected into the page under test; the page's own CSP would refuse it.
    bypassCSP: true,
    viewport: { width: 1200, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
