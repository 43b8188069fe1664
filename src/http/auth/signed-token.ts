// A small signed, expiring token for cookies: base64url(JSON payload) "." base64url(HMAC-SHA256).
// The expiry is inside the signed payload, so a cookie kept past its Max-Age by a browser (or
// replayed by hand) is still refused. Pure: callers pass the key and the time.
import { createHmac, timingSafeEqual } from "node:crypto";

interface Sealed {
  /** Expiry, ms since the epoch. */
  exp: number;
}

export function seal<T extends object>(payload: T, key: Buffer, expiresAt: Date): string {
  const body = Buffer.from(JSON.stringify({ ...payload, exp: expiresAt.getTime() })).toString("base64url");
  return `${body}.${mac(body, key)}`;
}

/**
 * The payload of a token this key signed and that has not expired at `now`; null for anything
 * else (malformed, tampered, signed with another key, expired). Never throws on hostile input.
 */
export function unseal(
  token: string | undefined,
  key: Buffer,
  now: Date,
): (Record<string, unknown> & Sealed) | null {
  if (!token || token.length > 4096) return null;
  const dot = token.indexOf(".");
  if (dot <= 0 || dot !== token.lastIndexOf(".")) return null;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  const expected = Buffer.from(mac(body, key), "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return null;
  const exp = (payload as { exp?: unknown }).exp;
  if (typeof exp !== "number" || !Number.isFinite(exp) || exp <= now.getTime()) return null;
  return payload as Record<string, unknown> & Sealed;
}

function mac(body: string, key: Buffer): string {
  return createHmac("sha256", key).update(body).digest("base64url");
}
