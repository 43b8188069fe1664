// Verifying Slack's id_token: a token that fails the checks is refused (IdTokenError), while
// keys that cannot be fetched are Slack's trouble, not the token's (IssuerUnavailableError),
// so the person is asked to try again rather than told their sign-in was forged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IdTokenError, IssuerUnavailableError, idTokenVerifier } from "../../../src/http/auth/id-token.ts";
import { type SlackEmulator, startSlackEmulator } from "../../support/slack-emulator/index.ts";
import { freePort } from "../../support/web-sign-in.ts";

describe("id_token verification", () => {
  let emulator: SlackEmulator;
  let idToken: string;

  beforeAll(async () => {
    emulator = await startSlackEmulator();
    const user = emulator.addUser({ name: "alice" });
    const redirect = "http://127.0.0.1:9/auth/slack/callback";
    const authorize = new URL(`${emulator.openId.issuer}/openid/connect/authorize`);
    for (const [name, value] of Object.entries({
      response_type: "code",
      scope: "openid",
      client_id: emulator.openId.clientId,
      redirect_uri: redirect,
      nonce: "n1",
      login_hint: user.id,
    }))
      authorize.searchParams.set(name, value);
    const back = new URL((await fetch(authorize, { redirect: "manual" })).headers.get("location") ?? "");
    const tokens = (await (
      await fetch(`${emulator.apiUrl}openid.connect.token`, {
        method: "POST",
        body: new URLSearchParams({
          client_id: emulator.openId.clientId,
          client_secret: emulator.openId.clientSecret,
          code: back.searchParams.get("code") ?? "",
          redirect_uri: redirect,
        }),
      })
    ).json()) as { id_token: string };
    idToken = tokens.id_token;
  });
  afterAll(() => emulator.stop());

  const verifier = (issuer: string, clientId = emulator.openId.clientId) =>
    idTokenVerifier({ issuer, clientId });

  it("accepts the token for our client with our nonce", async () => {
    const claims = await verifier(emulator.openId.issuer).verify(idToken, "n1");
    expect(claims.teamId).toBe(emulator.teamId);
  });

  it("refuses another nonce, another audience, a changed token", async () => {
    await expect(verifier(emulator.openId.issuer).verify(idToken, "n2")).rejects.toBeInstanceOf(IdTokenError);
    await expect(verifier(emulator.openId.issuer, "9.9").verify(idToken, "n1")).rejects.toBeInstanceOf(
      IdTokenError,
    );
    const [head, body = "", sig] = idToken.split(".");
    const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...claims, sub: "UEVE" })).toString("base64url")}.${sig}`;
    await expect(verifier(emulator.openId.issuer).verify(forged, "n1")).rejects.toBeInstanceOf(IdTokenError);
  });

  it("says the issuer is unavailable when its keys cannot be fetched", async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    await expect(verifier(nobody).verify(idToken, "n1")).rejects.toBeInstanceOf(IssuerUnavailableError);
  });
});
