// The browser's half of one sign-in attempt: the OIDC `state` and `nonce` we sent to Slack and
// where to go afterwards, in a short-lived signed HttpOnly cookie scoped to /auth/slack. The
// callback only accepts a `state` matching this cookie, so a callback URL started in another
// browser (login CSRF) or replayed later is refused.
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { cookieName, readCookie, serializeCookie } from "./cookies.ts";
import { safeNextPath } from "./next-path.ts";
import { seal, unseal } from "./signed-token.ts";

/** Long enough to pick an account at Slack, short enough that a stale tab must start again. */
export const SIGN_IN_STATE_TTL_MS = 10 * 60_000;
const PATH = "/auth/slack";

export interface SignInAttempt {
  state: string;
  nonce: string;
  next: string;
}

export interface SignInStateCookies {
  start(next: string | null, now: Date): { attempt: SignInAttempt; setCookie: string };
  /** The attempt this browser started, or null (none, tampered or expired). */
  read(req: IncomingMessage, now: Date): SignInAttempt | null;
  clear(): string;
}

export function signInStateCookies(key: Buffer, secure: boolean): SignInStateCookies {
  const name = cookieName("incident_signin", secure, PATH);
  return {
    start(next, now) {
      const attempt = {
        state: randomBytes(24).toString("base64url"),
        nonce: randomBytes(24).toString("base64url"),
        next: safeNextPath(next),
      };
      const value = seal(attempt, key, new Date(now.getTime() + SIGN_IN_STATE_TTL_MS));
      const setCookie = serializeCookie({
        name,
        value,
        path: PATH,
        maxAgeSeconds: SIGN_IN_STATE_TTL_MS / 1000,
        secure,
      });
      return { attempt, setCookie };
    },
    read(req, now) {
      const payload = unseal(readCookie(req, name), key, now);
      if (!payload) return null;
      const { state, nonce, next } = payload;
      if (typeof state !== "string" || typeof nonce !== "string" || typeof next !== "string") return null;
      return { state, nonce, next: safeNextPath(next) };
    },
    clear: () => serializeCookie({ name, value: "", path: PATH, maxAgeSeconds: 0, secure }),
  };
}
