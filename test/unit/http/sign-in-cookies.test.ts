// The signed cookies of Sign in with Slack: what they accept and everything they refuse, and
// where `next` may send a freshly signed-in person.
import { createHmac } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { safeNextPath } from "../../../src/http/auth/next-path.ts";
import { SESSION_TTL_MS, sessionCookies } from "../../../src/http/auth/session-cookie.ts";
import { deriveSessionKeys } from "../../../src/http/auth/session-keys.ts";
import { seal, unseal } from "../../../src/http/auth/signed-token.ts";

const KEY = Buffer.alloc(32, 1);
const OTHER_KEY = Buffer.alloc(32, 2);
const NOW = new Date("2026-03-08T06:00:00Z");
const LATER = new Date(NOW.getTime() + 60_000);

function requestWithCookie(cookie: string): IncomingMessage {
  return { headers: { cookie } } as IncomingMessage;
}

describe("signed tokens", () => {
  it("give back what was sealed until they expire", () => {
    const token = seal({ uid: "U1" }, KEY, LATER);
    expect(unseal(token, KEY, NOW)).toEqual({ uid: "U1", exp: LATER.getTime() });
    expect(unseal(token, KEY, LATER)).toBeNull();
  });

  it("refuse another key, a changed payload or signature, and garbage", () => {
    const token = seal({ uid: "U1" }, KEY, LATER);
    const [body = "", mac = ""] = token.split(".");
    const changed = Buffer.from(JSON.stringify({ uid: "U2", exp: LATER.getTime() })).toString("base64url");
    const flipped = `${mac.slice(0, -1)}${mac.endsWith("A") ? "B" : "A"}`;
    expect(unseal(token, OTHER_KEY, NOW)).toBeNull();
    expect(unseal(`${changed}.${mac}`, KEY, NOW)).toBeNull();
    expect(unseal(`${body}.${flipped}`, KEY, NOW)).toBeNull();
    for (const junk of ["", ".", "abc", `${body}.${mac}.x`, `${body}`, "x".repeat(5000)])
      expect(unseal(junk, KEY, NOW)).toBeNull();
  });

  it("refuse a correctly signed payload with no usable expiry", () => {
    const key = KEY;
    const body = Buffer.from(JSON.stringify({ uid: "U1" })).toString("base64url");
    const mac = createHmac("sha256", key).update(body).digest("base64url");
    expect(unseal(`${body}.${mac}`, key, NOW)).toBeNull();
  });
});

describe("the session cookie", () => {
  const cookies = sessionCookies(KEY, false);
  const viewer = { userId: "U1", teamId: "T1", name: "Alice", timeZone: "Asia/Seoul" };

  it("is HttpOnly, SameSite=Lax, for the whole site, and lasts 12 hours (in the signature too)", () => {
    const line = cookies.issue(viewer, NOW);
    expect(line).toMatch(
      /^incident_session=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+; Path=\/; Max-Age=43200; HttpOnly; SameSite=Lax$/,
    );
    const value = line.split(";")[0] ?? "";
    expect(cookies.read(requestWithCookie(value), NOW)).toEqual({
      ...viewer,
      expiresAt: new Date(NOW.getTime() + SESSION_TTL_MS),
    });
    expect(cookies.read(requestWithCookie(value), new Date(NOW.getTime() + SESSION_TTL_MS))).toBeNull();
  });

  it("is Secure with the __Host- prefix over https", () => {
    const line = sessionCookies(KEY, true).issue(viewer, NOW);
    expect(line).toMatch(/^__Host-incident_session=.*; Secure$/);
  });

  it("reads as signed out when signed with another key", () => {
    const value = sessionCookies(OTHER_KEY, false).issue(viewer, NOW).split(";")[0] ?? "";
    expect(cookies.read(requestWithCookie(value), NOW)).toBeNull();
  });
});

describe("session keys", () => {
  const base = {
    clientId: "1.2",
    clientSecret: "client-secret",
    redirectUri: "http://x/auth/slack/callback",
    openIdUrl: "https://slack.com",
  };

  it("differ by purpose, and follow WEB_SESSION_SECRET when it is set", () => {
    const derived = deriveSessionKeys({ ...base, sessionSecret: undefined });
    const fromSecret = deriveSessionKeys({ ...base, sessionSecret: "x".repeat(40) });
    expect(derived.session.equals(derived.signInState)).toBe(false);
    expect(derived.session.equals(fromSecret.session)).toBe(false);
    expect(deriveSessionKeys({ ...base, sessionSecret: undefined }).session.equals(derived.session)).toBe(
      true,
    );
  });
});

describe("where `next` may lead", () => {
  it("keeps paths on this site", () => {
    expect(safeNextPath("/incidents/12")).toBe("/incidents/12");
    expect(safeNextPath("/incidents/12?tab=timeline#now")).toBe("/incidents/12?tab=timeline#now");
  });

  it("never leaves the site", () => {
    for (const next of [
      null,
      "",
      "incidents",
      "//evil.example/x",
      "/\\evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "/\t/evil.example",
      "/%0d%0aSet-Cookie:x=1".replace("%0d%0a", "\r\n"),
    ])
      expect(safeNextPath(next)).toBe("/incidents");
  });
});
