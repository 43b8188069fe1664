// The signed-in session: who (Slack user and team), their name and time zone, until when. Kept
// in one signed HttpOnly cookie, so the bot stores no session rows and every replica accepts
// it. A forged, tampered or expired cookie reads as signed out.
import type { IncomingMessage } from "node:http";
import type { Viewer } from "../web/viewer.ts";
import { cookieName, readCookie, serializeCookie } from "./cookies.ts";
import { seal, unseal } from "./signed-token.ts";

/** How long a sign-in lasts: a working day, then Slack is asked again. */
export const SESSION_TTL_MS = 12 * 3600_000;

export interface SessionCookies {
  /** The viewer this request's session cookie names, or null (none, forged, tampered, expired). */
  read(req: IncomingMessage, now: Date): (Viewer & { expiresAt: Date }) | null;
  /** Set-Cookie for a new session starting at `now`. */
  issue(viewer: Viewer, now: Date): string;
  /** Set-Cookie that removes the session. */
  clear(): string;
}

export function sessionCookies(key: Buffer, secure: boolean): SessionCookies {
  const name = cookieName("incident_session", secure, "/");
  return {
    read(req, now) {
      const payload = unseal(readCookie(req, name), key, now);
      if (!payload) return null;
      const { uid, tid, name: who, tz } = payload;
      if (typeof uid !== "string" || typeof tid !== "string" || typeof who !== "string") return null;
      return {
        userId: uid,
        teamId: tid,
        name: who,
        ...(typeof tz === "string" ? { timeZone: tz } : {}),
        expiresAt: new Date(payload.exp),
      };
    },
    issue(viewer, now) {
      const value = seal(
        { uid: viewer.userId, tid: viewer.teamId, name: viewer.name, tz: viewer.timeZone },
        key,
        new Date(now.getTime() + SESSION_TTL_MS),
      );
      return serializeCookie({ name, value, path: "/", maxAgeSeconds: SESSION_TTL_MS / 1000, secure });
    },
    clear: () => serializeCookie({ name, value: "", path: "/", maxAgeSeconds: 0, secure }),
  };
}
