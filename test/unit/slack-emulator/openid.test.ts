// The emulator's Sign in with Slack: the errors Slack answers (a code is single use and bound to
// its redirect_uri, the client secret is checked), userInfo by bearer token, and an id_token
// that verifies against the emulator's published keys.
import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SlackEmulator, startSlackEmulator } from "../../support/slack-emulator/index.ts";

const REDIRECT = "http://127.0.0.1:9/auth/slack/callback";

describe("the emulator's OpenID provider", () => {
  let emulator: SlackEmulator;
  let userId: string;

  beforeAll(async () => {
    emulator = await startSlackEmulator();
    userId = emulator.addUser({ name: "alice", realName: "Alice Ahn" }).id;
  });
  afterAll(() => emulator.stop());

  async function code(overrides: Record<string, string> = {}): Promise<Response> {
    const url = new URL(`${emulator.openId.issuer}/openid/connect/authorize`);
    const params = {
      response_type: "code",
      scope: "openid profile email",
      client_id: emulator.openId.clientId,
      redirect_uri: REDIRECT,
      state: "s1",
      nonce: "n1",
      login_hint: userId,
      ...overrides,
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return fetch(url, { redirect: "manual" });
  }

  async function issuedCode(): Promise<string> {
    const answer = await code();
    const back = new URL(answer.headers.get("location") ?? "");
    expect(back.searchParams.get("state")).toBe("s1");
    return back.searchParams.get("code") ?? "";
  }

  async function api(method: string, args: Record<string, string>, bearer?: string) {
    const response = await fetch(`${emulator.apiUrl}${method}`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: new URLSearchParams(args).toString(),
    });
    return (await response.json()) as Record<string, unknown>;
  }

  const exchange = (c: string, overrides: Record<string, string> = {}) =>
    api("openid.connect.token", {
      client_id: emulator.openId.clientId,
      client_secret: emulator.openId.clientSecret,
      code: c,
      redirect_uri: REDIRECT,
      ...overrides,
    });

  it("issues an id_token that verifies against its keys, once per code", async () => {
    const c = await issuedCode();
    const tokens = await exchange(c);
    expect(tokens.ok).toBe(true);
    const keys = createRemoteJWKSet(new URL(`${emulator.openId.issuer}/openid/connect/keys`));
    const { payload } = await jwtVerify(String(tokens.id_token), keys, {
      issuer: emulator.openId.issuer,
      audience: emulator.openId.clientId,
    });
    expect(payload).toMatchObject({
      sub: userId,
      nonce: "n1",
      "https://slack.com/team_id": emulator.teamId,
      name: "Alice Ahn",
    });
    expect(await exchange(c)).toEqual({ ok: false, error: "invalid_code" });
    const info = await api("openid.connect.userInfo", {}, String(tokens.access_token));
    expect(info).toMatchObject({ ok: true, "https://slack.com/user_id": userId });
  });

  it("answers Slack's errors", async () => {
    expect(await exchange(await issuedCode(), { redirect_uri: "http://127.0.0.1:9/other" })).toEqual({
      ok: false,
      error: "bad_redirect_uri",
    });
    expect(await exchange(await issuedCode(), { client_secret: "wrong" })).toEqual({
      ok: false,
      error: "bad_client_secret",
    });
    expect(await exchange(await issuedCode(), { client_id: "1.2" })).toEqual({
      ok: false,
      error: "invalid_client_id",
    });
    expect(await exchange("made-up")).toEqual({ ok: false, error: "invalid_code" });
    expect(await api("openid.connect.userInfo", {})).toEqual({ ok: false, error: "not_authed" });
    expect(await api("openid.connect.userInfo", {}, "xoxp-unknown")).toEqual({
      ok: false,
      error: "invalid_auth",
    });
    expect(await (await code({ client_id: "1.2" })).text()).toBe("invalid_client_id");
    expect(await (await code({ team: "TOTHER" })).text()).toBe("team_not_found");
  });

  it("shows a browser a page of people to sign in as, and never records the client secret", async () => {
    const page = await (await code({ login_hint: "" })).text();
    expect(page).toContain("Sign in as Alice Ahn");
    expect(JSON.stringify(emulator.calls)).not.toContain(emulator.openId.clientSecret);
  });
});
