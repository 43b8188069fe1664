// Sign in with Slack for the internal incident pages, end to end: the real bot over HTTP, the
// emulator as Slack's OpenID provider, redirects followed by hand with cookies kept as a
// browser keeps them. Every refusal here is one a hostile or confused browser could cause.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveSessionKeys } from "../../src/http/auth/session-keys.ts";
import { seal } from "../../src/http/auth/signed-token.ts";
import type { TestBot } from "../support/bot-harness.ts";
import { declareIncident } from "../support/declared-incident.ts";
import { eventually } from "../support/eventually.ts";
import {
  browse,
  CookieJar,
  signedInJar,
  signIn,
  startSignInBot,
  TEST_SESSION_SECRET,
} from "../support/web-sign-in.ts";

interface SessionAnswer {
  signedIn: boolean;
  userId?: string;
  teamId?: string;
  name?: string;
  timeZone?: string | null;
}

async function sessionOf(t: TestBot, jar: CookieJar): Promise<{ status: number; body: SessionAnswer }> {
  const response = await browse(jar, t.url, "/auth/session", { headers: { accept: "application/json" } });
  return { status: response.status, body: (await response.json()) as SessionAnswer };
}

describe("Sign in with Slack", () => {
  let t: TestBot;
  let alice: { id: string };
  let bob: { id: string };

  beforeAll(async () => {
    t = await startSignInBot();
    alice = t.emulator.addUser({ name: "alice", realName: "Alice Ahn", tz: "Asia/Seoul" });
    bob = t.emulator.addUser({ name: "bob", realName: "Bob Berg", tz: "Europe/Paris" });
  });
  afterAll(() => t.stop());

  it("sends the browser to Slack's authorize page with state, nonce, our team and our callback", async () => {
    const { authorizeUrl } = await signIn(t, alice.id, { next: "/incidents/12" });
    expect(authorizeUrl.origin + authorizeUrl.pathname).toBe(
      `${t.emulator.openId.issuer}/openid/connect/authorize`,
    );
    const q = authorizeUrl.searchParams;
    expect(q.get("response_type")).toBe("code");
    expect(q.get("scope")).toBe("openid profile email");
    expect(q.get("client_id")).toBe(t.emulator.openId.clientId);
    expect(q.get("redirect_uri")).toBe(`${t.url}/auth/slack/callback`);
    expect(q.get("team")).toBe(t.emulator.teamId);
    expect(q.get("state")?.length).toBeGreaterThanOrEqual(32);
    expect(q.get("nonce")?.length).toBeGreaterThanOrEqual(32);
    expect(q.get("state")).not.toBe(q.get("nonce"));
  });

  it("signs a person in and returns them where they were going, with their name and time zone", async () => {
    const exchanges = t.emulator.callsTo("openid.connect.token").length;
    const { jar, callback } = await signIn(t, alice.id, { next: "/incidents/12?tab=timeline" });
    expect(callback.status).toBe(303);
    expect(callback.headers.get("location")).toBe("/incidents/12?tab=timeline");
    const cookie = callback.headers.getSetCookie().find((line) => line.startsWith("incident_session="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=43200/);
    const session = await sessionOf(t, jar);
    expect(session).toEqual({
      status: 200,
      body: expect.objectContaining({
        signedIn: true,
        userId: alice.id,
        teamId: t.emulator.teamId,
        name: "Alice Ahn",
        timeZone: "Asia/Seoul",
      }),
    });
    // The code was exchanged with the client secret, which the emulator never records.
    expect(t.emulator.callsTo("openid.connect.token")).toHaveLength(exchanges + 1);
    expect(JSON.stringify(t.emulator.calls)).not.toContain(t.emulator.openId.clientSecret);
    // Nor does the bot log the secret, the person's access token or their id_token.
    const logs = t.logs.join("\n");
    expect(logs).not.toContain(t.emulator.openId.clientSecret);
    expect(logs).not.toMatch(/xoxp-|eyJ[A-Za-z0-9_-]{10,}/);
  });

  it("without a session cookie, /auth/session says nobody is signed in", async () => {
    const jar = new CookieJar();
    expect((await sessionOf(t, jar)).status).toBe(401);
  });

  it("refuses a callback whose state is not the one this browser started", async () => {
    const { jar, callback } = await signIn(t, alice.id, {
      tamper: (url) => url.searchParams.set("state", "an-attackers-state-0123456789abcdef"),
    });
    expect(callback.status).toBe(400);
    expect(await callback.text()).toContain("does not belong to the sign-in this browser started");
    expect((await sessionOf(t, jar)).status).toBe(401);
  });

  it("refuses a callback in a browser that never started a sign-in (login CSRF)", async () => {
    const { callbackUrl } = await signIn(t, bob.id);
    // The victim's browser: no sign-in state cookie of its own.
    const victim = new CookieJar();
    const answer = await browse(victim, t.url, callbackUrl.toString());
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain("not started in this browser");
    expect((await sessionOf(t, victim)).status).toBe(401);
  });

  it("refuses an id_token whose nonce is not the one this browser's attempt sent", async () => {
    t.emulator.openId.overrideNextClaims({ nonce: "replayed-nonce-from-another-sign-in" });
    const { jar, callback } = await signIn(t, alice.id);
    expect(callback.status).toBe(400);
    expect(await callback.text()).toContain("could not be verified");
    expect((await sessionOf(t, jar)).status).toBe(401);
  });

  it("refuses a person from another workspace", async () => {
    t.emulator.openId.overrideNextClaims({ "https://slack.com/team_id": "TOTHERTEAM1" });
    const { jar, callback } = await signIn(t, alice.id);
    expect(callback.status).toBe(403);
    expect(await callback.text()).toContain("different Slack workspace");
    expect((await sessionOf(t, jar)).status).toBe(401);
  });

  it("never follows `next` off the site", async () => {
    for (const next of [
      "//evil.example/x",
      "https://evil.example/",
      "/\\evil.example",
      "javascript:alert(1)",
    ]) {
      const { callback } = await signIn(t, alice.id, { next });
      expect(callback.status).toBe(303);
      expect(callback.headers.get("location")).toBe("/incidents");
    }
  });

  it("refuses a forged or tampered session cookie", async () => {
    const jar = await signedInJar(t, alice.id);
    const real = jar.cookies.get("incident_session") ?? "";
    const [body = "", mac = ""] = real.split(".");
    const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
    const asBob = Buffer.from(JSON.stringify({ ...claims, uid: bob.id })).toString("base64url");
    jar.cookies.set("incident_session", `${asBob}.${mac}`);
    expect((await sessionOf(t, jar)).status).toBe(401);
    const wrongKey = seal(
      { uid: bob.id, tid: t.emulator.teamId, name: "Bob" },
      Buffer.alloc(32, 7),
      new Date(Date.parse("2030-01-01")),
    );
    jar.cookies.set("incident_session", wrongKey);
    expect((await sessionOf(t, jar)).status).toBe(401);
  });

  it("refuses an expired session cookie, signed with the real key", async () => {
    const keys = deriveSessionKeys({
      clientId: t.emulator.openId.clientId,
      clientSecret: t.emulator.openId.clientSecret,
      redirectUri: `${t.url}/auth/slack/callback`,
      openIdUrl: t.emulator.openId.issuer,
      sessionSecret: TEST_SESSION_SECRET,
    });
    const now = t.bot.clock.now().getTime();
    const jar = new CookieJar();
    const claims = { uid: alice.id, tid: t.emulator.teamId, name: "Alice Ahn" };
    jar.cookies.set("incident_session", seal(claims, keys.session, new Date(now + 60_000)));
    expect((await sessionOf(t, jar)).status).toBe(200);
    jar.cookies.set("incident_session", seal(claims, keys.session, new Date(now - 1)));
    expect((await sessionOf(t, jar)).status).toBe(401);
  });

  it("a session ends 12 hours after signing in, by the bot's clock", async () => {
    const jar = await signedInJar(t, bob.id);
    await t.advance("11h59m");
    expect((await sessionOf(t, jar)).status).toBe(200);
    await t.advance("1m");
    expect((await sessionOf(t, jar)).status).toBe(401);
  });

  it("signs out on a POST, and refuses a sign-out another site asks for", async () => {
    const jar = await signedInJar(t, alice.id);
    const forged = await browse(jar, t.url, "/auth/logout", {
      method: "POST",
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(forged.status).toBe(403);
    expect((await sessionOf(t, jar)).status).toBe(200);
    const out = await browse(jar, t.url, "/auth/logout", { method: "POST" });
    expect(out.status).toBe(200);
    expect((await sessionOf(t, jar)).status).toBe(401);
  });

  describe("who may read an incident", () => {
    let general: string;

    beforeAll(() => {
      general = t.emulator.addChannel({ name: "general", members: [alice.id, bob.id] }).id;
    });

    it("a public-channel incident: anyone in the workspace; a private one: only its channel's members", async () => {
      const open = await declareIncident(t, "Checkout is down --sev 2", { by: alice.id, from: general });
      const secret = await declareIncident(t, "Payroll exposure --sev 1 --private", {
        by: alice.id,
        from: general,
      });
      const bobViewer = { userId: bob.id, teamId: t.emulator.teamId, name: "Bob Berg" };
      const aliceViewer = { userId: alice.id, teamId: t.emulator.teamId, name: "Alice Ahn" };
      const { webAccess } = t.bot;
      expect(await webAccess.mayRead(bobViewer, { channelId: open.channel.id, isPrivate: false })).toBe(true);
      expect(await webAccess.mayRead(aliceViewer, { channelId: secret.channel.id, isPrivate: true })).toBe(
        true,
      );
      expect(await webAccess.mayRead(bobViewer, { channelId: secret.channel.id, isPrivate: true })).toBe(
        false,
      );
      // Bob joins the channel: Slack tells the bot, and he may read it.
      await t.driver.memberJoined({ user: bob.id, channel: secret.channel.id });
      await eventually(async () =>
        expect(await webAccess.mayRead(bobViewer, { channelId: secret.channel.id, isPrivate: true })).toBe(
          true,
        ),
      );
      const stranger = { userId: bob.id, teamId: "TOTHERTEAM1", name: "Bob Berg" };
      expect(await webAccess.mayRead(stranger, { channelId: open.channel.id, isPrivate: false })).toBe(false);
    });

    it("the pinned summary and the postmortem draft link to the incident's page", async () => {
      const incident = await declareIncident(t, "Search is slow --sev 3", { by: alice.id, from: general });
      const page = `${t.url}/incidents/${incident.number}`;
      const summary = t.emulator.messages(incident.channel.id).find((m) => m.pinned);
      expect(JSON.stringify(summary?.blocks)).toContain(`<${page}|Incident page>`);
      const before = t.emulator.files().length;
      await t.driver.command("postmortem", { user: alice.id, channel: incident.channel.id });
      await eventually(() =>
        expect(
          t.emulator
            .files()
            .slice(before)
            .some((f) => f.filename.endsWith(".md") && f.bytes !== undefined),
        ).toBe(true),
      );
      await t.settle();
      const draft = t.emulator
        .files()
        .slice(before)
        .find((f) => f.filename.endsWith(".md"));
      expect(draft?.bytes?.toString("utf8")).toContain(`**Incident page:** <${page}>`);
    });
  });
});
