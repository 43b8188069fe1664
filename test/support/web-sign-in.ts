// Sign in with Slack in tests: a bot started with sign-in configured against the emulator's
// OpenID provider (APP_BASE_URL must be known before the bot listens, so a free port is chosen
// first), a cookie jar, and `signIn` which walks the whole flow by hand with fetch — login
// redirect, the emulator's authorize page (choosing the person with login_hint), the callback —
// exactly as a browser would, redirects followed one by one and cookies kept.
import { createServer } from "node:net";
import { startTestBot, type TestBot, type TestBotOptions } from "./bot-harness.ts";
import { type SlackEmulator, startSlackEmulator } from "./slack-emulator/index.ts";

/** A loopback port nobody listens on right now (the bot takes it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The environment that turns Sign in with Slack on against this emulator, for a bot on `port`. */
export function signInEnv(emulator: SlackEmulator, port: number): Record<string, string> {
  return {
    PORT: String(port),
    APP_BASE_URL: `http://127.0.0.1:${port}`,
    SLACK_CLIENT_ID: emulator.openId.clientId,
    SLACK_CLIENT_SECRET: emulator.openId.clientSecret,
    SLACK_OPENID_URL: emulator.openId.issuer,
    WEB_SESSION_SECRET: TEST_SESSION_SECRET,
  };
}

/** Tests that forge cookies sign them with this (the bot under test uses it too). */
export const TEST_SESSION_SECRET = "test-session-secret-0123456789-abcdefghij";

/** startTestBot with Sign in with Slack configured; the bot's URL is its APP_BASE_URL. */
export async function startSignInBot(options: TestBotOptions = {}): Promise<TestBot> {
  const emulator = options.emulator ?? (await startSlackEmulator());
  const port = await freePort();
  const t = await startTestBot({
    ...options,
    emulator,
    env: { ...signInEnv(emulator, port), ...options.env },
  });
  return {
    ...t,
    async stop() {
      await t.stop();
      if (!options.emulator) await emulator.stop();
    },
  };
}

/** Cookies a browser would keep for the bot's origin (paths are ignored: one site). */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** One request with the jar's cookies (only to `botUrl`'s origin), redirects not followed. */
export async function browse(
  jar: CookieJar,
  botUrl: string,
  url: string,
  init: RequestInit = {},
): Promise<Response> {
  const absolute = new URL(url, botUrl);
  const headers = new Headers(init.headers);
  if (absolute.origin === new URL(botUrl).origin && jar.cookies.size) headers.set("cookie", jar.header());
  if (!headers.has("accept")) headers.set("accept", "text/html");
  const response = await fetch(absolute, { ...init, headers, redirect: "manual" });
  if (absolute.origin === new URL(botUrl).origin) jar.take(response);
  return response;
}

export interface SignInSteps {
  jar: CookieJar;
  /** The emulator's authorize URL the bot sent the browser to. */
  authorizeUrl: URL;
  /** The callback URL the emulator sent the browser back to. */
  callbackUrl: URL;
  /** The bot's answer to the callback (303 to `next` when signed in). */
  callback: Response;
}

/** The whole Sign in with Slack flow as `userId`; `tamper` may change the callback URL first. */
export async function signIn(
  t: Pick<TestBot, "url">,
  userId: string,
  options: { next?: string; jar?: CookieJar; tamper?: (callback: URL) => void } = {},
): Promise<SignInSteps> {
  const jar = options.jar ?? new CookieJar();
  const next = options.next ?? "/incidents";
  const login = await browse(jar, t.url, `/auth/slack/login?next=${encodeURIComponent(next)}`);
  if (login.status !== 302) throw new Error(`/auth/slack/login answered ${login.status}`);
  const authorizeUrl = new URL(login.headers.get("location") ?? "");
  const chosen = new URL(authorizeUrl);
  chosen.searchParams.set("login_hint", userId);
  const authorized = await fetch(chosen, { redirect: "manual" });
  if (authorized.status !== 302)
    throw new Error(`authorize answered ${authorized.status}: ${await authorized.text()}`);
  const callbackUrl = new URL(authorized.headers.get("location") ?? "");
  options.tamper?.(callbackUrl);
  const callback = await browse(jar, t.url, callbackUrl.toString());
  return { jar, authorizeUrl, callbackUrl, callback };
}

/** Signed in as `userId`: the jar holding the session cookie (throws unless sign-in worked). */
export async function signedInJar(t: Pick<TestBot, "url">, userId: string): Promise<CookieJar> {
  const { jar, callback } = await signIn(t, userId);
  if (callback.status !== 303)
    throw new Error(`sign-in callback answered ${callback.status}: ${await callback.text()}`);
  return jar;
}

/**
 * Signs a Chromium page in: opens the bot's sign-in with `next`, clicks "Sign in as <realName>"
 * on the emulator's authorize page, and waits until the browser is back on `next`.
 */
export async function signInInBrowser(
  page: import("playwright-core").Page,
  t: Pick<TestBot, "url">,
  realName: string,
  next: string,
): Promise<void> {
  await page.goto(`${t.url}/auth/slack/login?next=${encodeURIComponent(next)}`);
  await page.getByRole("button", { name: `Sign in as ${realName}` }).click();
  await page.waitForURL(
    (url) => url.origin === new URL(t.url).origin && `${url.pathname}${url.search}` === next,
  );
}
