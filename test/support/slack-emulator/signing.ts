// Slack's request signature, shared by the driver and its tests.
import { createHmac } from "node:crypto";

/** `v0=hex(HMAC_SHA256(secret, "v0:" + timestamp + ":" + body))`. */
export function signSlackRequest(signingSecret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** Same shape as a real signature (v0= and 64 hex digits), wrong value. */
export function badSignature(good: string): string {
  const last = good.at(-1) === "0" ? "1" : "0";
  return good.slice(0, -1) + last;
}
