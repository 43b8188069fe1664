// Reading the Cookie header and writing Set-Cookie for the sign-in cookies. Every cookie we set
// is HttpOnly and SameSite=Lax (the callback from Slack is a top-level GET, which Lax allows);
// over https it is also Secure and takes the __Host- prefix, so no subdomain can plant it.
import type { IncomingMessage } from "node:http";

export interface CookieSpec {
  name: string;
  value: string;
  path: string;
  /** Seconds; 0 clears the cookie. */
  maxAgeSeconds: number;
  secure: boolean;
}

/** The value of one cookie on the request (the first, if a browser sent it twice). */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function serializeCookie(spec: CookieSpec): string {
  // Values are our own base64url tokens; anything else is refused rather than quoted.
  if (!/^[A-Za-z0-9._-]*$/.test(spec.value)) throw new Error(`cookie ${spec.name}: unsafe value`);
  const parts = [
    `${spec.name}=${spec.value}`,
    `Path=${spec.path}`,
    `Max-Age=${Math.max(0, Math.floor(spec.maxAgeSeconds))}`,
    "HttpOnly",
    "SameSite=Lax",
  ];
  if (spec.secure) parts.push("Secure");
  return parts.join("; ");
}

/** __Host- cookies must be Secure with Path=/; over plain http (local runs) the bare name is used. */
export function cookieName(base: string, secure: boolean, path: string): string {
  return secure && path === "/" ? `__Host-${base}` : base;
}
