// Sign in with Slack (OpenID Connect) as the emulator plays it: the authorize page a browser
// sees (a list of the workspace's people to sign in as), the signing keys (JWKS), and the Web
// API methods openid.connect.token and openid.connect.userInfo with Slack's errors. Codes are
// single use and bound to the redirect_uri they were issued for; the id_token is an RS256 JWT
// signed with a key made for this emulator, issued by the emulator's own base URL.
import { randomBytes, type webcrypto } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { sendJson, sendText } from "./http-io.ts";
import type { Workspace } from "./workspace.ts";

/** A code lives 10 minutes, as OAuth codes at Slack do. */
const CODE_TTL_MS = 10 * 60_000;
const KEY_ID = "emulator-oidc-1";

interface IssuedCode {
  userId: string;
  redirectUri: string;
  nonce: string | undefined;
  issuedAt: number;
  used: boolean;
}

/** Claims a test wants changed in the next id_token and userInfo answer (a hostile Slack). */
export type ClaimOverrides = Record<string, unknown>;

export class OpenIdProvider {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly #codes = new Map<string, IssuedCode>();
  readonly #accessTokens = new Map<string, { userId: string; overrides: ClaimOverrides }>();
  #overrides: ClaimOverrides = {};
  #keys: Promise<{ privateKey: webcrypto.CryptoKey; jwk: JWK }> | undefined;

  constructor(private readonly ws: Workspace) {
    this.clientId = `${digits(10)}.${digits(12)}`;
    this.clientSecret = randomBytes(16).toString("hex");
  }

  /** The issuer (`iss`), and the base of the authorize page and keys: the URL without its slash. */
  get issuer(): string {
    return this.ws.baseUrl.replace(/\/+$/, "");
  }

  /** The next sign-in's id_token and userInfo carry these claims instead (once). */
  overrideNextClaims(claims: ClaimOverrides): void {
    this.#overrides = { ...claims };
  }

  /** Handles /openid/connect/* requests; false when the path is not one of them. */
  handlePage(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): boolean {
    if (url.pathname === "/openid/connect/keys") {
      this.#signingKey().then(
        ({ jwk }) => sendJson(res, 200, { keys: [jwk] }),
        (error: unknown) => sendText(res, 500, String(error)),
      );
      return true;
    }
    if (url.pathname === "/openid/connect/authorize") {
      // The page's form posts the chosen person back here; a GET with `login_hint` (a user id)
      // is the same choice made without a browser.
      const params =
        req.method === "POST" ? new URLSearchParams(body.toString("utf8")) : new URLSearchParams(url.search);
      this.#authorize(res, params);
      return true;
    }
    return false;
  }

  /** Slack's error for a malformed authorize request, or undefined when it is well formed. */
  #authorizeProblem(params: URLSearchParams): string | undefined {
    const redirectUri = params.get("redirect_uri");
    const scopes = (params.get("scope") ?? "").split(/[\s,]+/);
    if (params.get("client_id") !== this.clientId) return "invalid_client_id";
    if (!redirectUri || !/^https?:\/\//.test(redirectUri)) return "bad_redirect_uri";
    if (params.get("response_type") !== "code") return "unsupported_response_type";
    if (!scopes.includes("openid")) return "invalid_scope";
    const team = params.get("team");
    if (team && team !== this.ws.identity.teamId) return "team_not_found";
    return undefined;
  }

  #authorize(res: ServerResponse, params: URLSearchParams): void {
    const problem = this.#authorizeProblem(params);
    const chosen = params.get("login_hint");
    const user = chosen ? this.ws.users.get(chosen) : undefined;
    if (problem || (chosen && (!user || user.isBot))) {
      sendText(res, 400, problem ?? "user_not_found");
      return;
    }
    if (!user) {
      this.#choosePage(res, params);
      return;
    }
    const redirectUri = params.get("redirect_uri") as string;
    const code = `${digits(10)}.${digits(13)}.${randomBytes(24).toString("hex")}`;
    this.#codes.set(code, {
      userId: user.id,
      redirectUri,
      nonce: params.get("nonce") ?? undefined,
      // Real time, as Slack's: the bot checks codes and tokens against real time, not a drill's
      // simulated clock (which the workspace's message stamps may follow).
      issuedAt: Date.now(),
      used: false,
    });
    const back = new URL(redirectUri);
    back.searchParams.set("code", code);
    const state = params.get("state");
    if (state !== null) back.searchParams.set("state", state);
    res.writeHead(302, { location: back.toString(), "cache-control": "no-store" });
    res.end();
  }

  /** The page a browser sees: one button per person, each posting the request back with them chosen. */
  #choosePage(res: ServerResponse, params: URLSearchParams): void {
    const hidden = [...params]
      .filter(([name]) => name !== "login_hint")
      .map(([name, value]) => `<input type="hidden" name="${html(name)}" value="${html(value)}">`)
      .join("");
    const people = [...this.ws.users.values()]
      .filter((user) => !user.isBot)
      .map(
        (user) =>
          `<li><button type="submit" name="login_hint" value="${html(user.id)}">Sign in as ${html(user.realName)}</button></li>`,
      )
      .join("");
    const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in to ${html(
      this.ws.identity.teamName,
    )}</title></head><body><main><h1>Sign in to ${html(this.ws.identity.teamName)}</h1>
<form method="post" action="/openid/connect/authorize">${hidden}<ul>${people}</ul></form></main></body></html>`;
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page);
  }

  /** openid.connect.token and openid.connect.userInfo; undefined for any other method. */
  async callMethod(
    method: string,
    args: Record<string, unknown>,
    bearer: string | undefined,
  ): Promise<Record<string, unknown> | undefined> {
    if (method === "openid.connect.token") return this.#token(args);
    if (method === "openid.connect.userInfo") return this.#userInfo(bearer);
    return undefined;
  }

  async #token(args: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (args.client_id !== this.clientId) return { ok: false, error: "invalid_client_id" };
    if (args.client_secret !== this.clientSecret) return { ok: false, error: "bad_client_secret" };
    const issued = typeof args.code === "string" ? this.#codes.get(args.code) : undefined;
    if (!issued || issued.used || Date.now() - issued.issuedAt > CODE_TTL_MS)
      return { ok: false, error: "invalid_code" };
    issued.used = true;
    if (args.redirect_uri !== issued.redirectUri) return { ok: false, error: "bad_redirect_uri" };
    const user = this.ws.users.get(issued.userId);
    if (!user) return { ok: false, error: "invalid_code" };
    const overrides = this.#overrides;
    this.#overrides = {};
    const accessToken = `xoxp-${digits(10)}-${randomBytes(16).toString("hex")}`;
    this.#accessTokens.set(accessToken, { userId: user.id, overrides });
    const nowSeconds = Math.floor(Date.now() / 1000);
    const { privateKey } = await this.#signingKey();
    const claims = {
      ...this.#profile(user.id),
      auth_time: nowSeconds,
      ...(issued.nonce !== undefined ? { nonce: issued.nonce } : {}),
      ...overrides,
    };
    const idToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: KEY_ID, typ: "JWT" })
      .setIssuer(this.issuer)
      .setAudience(this.clientId)
      .setSubject(user.id)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + 3600)
      .sign(privateKey);
    return { ok: true, access_token: accessToken, token_type: "Bearer", id_token: idToken };
  }

  #userInfo(bearer: string | undefined): Record<string, unknown> {
    if (!bearer) return { ok: false, error: "not_authed" };
    const holder = this.#accessTokens.get(bearer);
    if (!holder) return { ok: false, error: "invalid_auth" };
    return { ok: true, sub: holder.userId, ...this.#profile(holder.userId), ...holder.overrides };
  }

  #profile(userId: string): Record<string, unknown> {
    const user = this.ws.users.get(userId);
    const { teamId, teamName, teamDomain } = this.ws.identity;
    return {
      "https://slack.com/user_id": userId,
      "https://slack.com/team_id": teamId,
      "https://slack.com/team_name": teamName,
      "https://slack.com/team_domain": teamDomain,
      email: user?.email ?? `${user?.name ?? userId}@example.com`,
      email_verified: true,
      name: user?.realName ?? userId,
      locale: "en-US",
    };
  }

  #signingKey(): Promise<{ privateKey: webcrypto.CryptoKey; jwk: JWK }> {
    this.#keys ??= (async () => {
      const { privateKey, publicKey } = await generateKeyPair("RS256");
      const jwk = { ...(await exportJWK(publicKey)), kid: KEY_ID, alg: "RS256", use: "sig" };
      return { privateKey, jwk };
    })();
    return this.#keys;
  }
}

function html(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

/**
 * `length` random decimal digits. Random rather than from the workspace's id factory, so
 * starting an emulator or signing someone in never shifts the ids other tests expect.
 */
function digits(length: number): string {
  return BigInt(`0x${randomBytes(16).toString("hex")}`)
    .toString()
    .padStart(length, "0")
    .slice(-length);
}
