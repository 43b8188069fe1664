// The gate in front of Bolt's HTTP receiver for POST /slack/events, and the one place requests
// are verified. Bolt parses the body of a signed request and reads fields off it without
// checking it is an object: a signed body of JSON `null` (or `payload=null`) throws a TypeError
// inside Bolt's request handler, outside any listener, and takes the process down. So every
// request is read, its body parsed here first, exactly as Bolt will parse it, and its signature
// checked; anything unsigned gets 401 and anything that is not a JSON object 400, and neither
// reaches Bolt. Bolt's own verification is off (src/slack/app.ts): it did the same HMAC check a
// second time on every request. The one request let through unsigned is what Bolt answers as
// Slack's SSL check and dispatches to no listener, decided on the body as Bolt parses it.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { HTTPModuleFunctions, type HTTPReceiver } from "@slack/bolt";
import type { Logger } from "../log/logger.ts";

export interface RequestGuardOptions {
  signingSecret: string;
  logger: Logger;
  /** The receiver's events path. */
  path: string;
  /** Wall-clock milliseconds: Slack stamps requests with real time, whatever the app's clock. */
  nowMs?: () => number;
}

export type Verdict = { ok: true } | { ok: false; status: 400 | 401; reason: string };

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

/** How far a request's timestamp may be from now, either way (Slack's rule is 5 minutes). */
export const MAX_REQUEST_AGE_SECONDS = 5 * 60;

/** Slack's signature header: version 0, then the HMAC-SHA256 as 64 lowercase hex digits. */
const SIGNATURE = /^v0=([0-9a-f]{64})$/;

/**
 * Whether the signature is Slack's (v0: HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing
 * secret, as Slack documents it), with a timestamp within five minutes of now in both
 * directions. Bolt refuses only old timestamps, so a request stamped in the future (a
 * clock-skewed or forged replay) would stay replayable until that time. The digests are
 * compared in constant time with node's timingSafeEqual; Bolt's verifySlackRequest compares
 * with tsscmp, which computes two more HMACs and draws random bytes on every request.
 */
export function checkSignature(
  req: IncomingMessage,
  body: Buffer | string,
  signingSecret: string,
  nowMs: number,
): Verdict {
  const signature = header(req, "x-slack-signature");
  const timestamp = header(req, "x-slack-request-timestamp");
  if (!signature || !timestamp) return { ok: false, status: 401, reason: "unsigned request" };
  const seconds = Number(timestamp);
  if (!Number.isFinite(seconds) || Math.abs(nowMs / 1000 - seconds) > MAX_REQUEST_AGE_SECONDS)
    return { ok: false, status: 401, reason: "request timestamp more than 5 minutes from now" };
  if (!signingSecret) return { ok: false, status: 401, reason: "no signing secret is configured" };
  const given = SIGNATURE.exec(signature)?.[1];
  if (!given) return { ok: false, status: 401, reason: "signature is not v0 followed by 64 hex digits" };
  // The timestamp as sent: Slack signs the header's text, not a number made from it.
  const expected = createHmac("sha256", signingSecret).update(`v0:${timestamp}:`).update(body).digest();
  if (!timingSafeEqual(Buffer.from(given, "hex"), expected))
    return { ok: false, status: 401, reason: "signature mismatch" };
  return { ok: true };
}

/** The body as Bolt will parse it (form fields, a `payload` form field's JSON, or JSON). */
export type ParsedBody = { ok: true; body: Record<string, unknown> } | (Verdict & { ok: false });

/** Parses the body as Bolt will; anything but a JSON object is refused (400). */
export function parseBody(req: BufferedRequest): ParsedBody {
  let parsed: unknown;
  try {
    parsed = HTTPModuleFunctions.parseHTTPRequestBody(req);
  } catch (error) {
    return { ok: false, status: 400, reason: `malformed body: ${(error as Error).message}` };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    return {
      ok: false,
      status: 400,
      reason: `body is ${Array.isArray(parsed) ? "an array" : String(parsed)}`,
    };
  return { ok: true, body: parsed as Record<string, unknown> };
}

type BufferedRequest = Parameters<typeof HTTPModuleFunctions.parseHTTPRequestBody>[0];

/**
 * Slack's unsigned SSL check, decided on the body exactly as Bolt will see it: Bolt answers it
 * and stops before any listener. Deciding on the raw form instead would let an unsigned
 * `ssl_check=1&payload=…` through, which Bolt parses into the payload (no ssl_check left) and
 * dispatches.
 */
export function isSslCheck(parsed: ParsedBody): boolean {
  return parsed.ok && parsed.body.ssl_check === "1";
}

/** Puts the gate in front of the receiver's request listener. */
export function guardSlackRequests(receiver: HTTPReceiver, options: RequestGuardOptions): void {
  const boltListener = receiver.requestListener;
  const nowMs = options.nowMs ?? Date.now;
  const refuse = (res: ServerResponse, verdict: Verdict & { ok: false }) => {
    options.logger.warn(
      { status: verdict.status, reason: verdict.reason },
      "refused a request to /slack/events",
    );
    HTTPModuleFunctions.buildNoBodyResponse(res, verdict.status);
  };
  receiver.requestListener = (req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method?.toUpperCase() !== "POST" || path !== options.path) return boltListener(req, res);
    (async () => {
      let buffered: BufferedRequest;
      try {
        buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, HTTPModuleFunctions.defaultBodyLimit);
      } catch (error) {
        const tooLarge =
          HTTPModuleFunctions.isRawBodyError(error) && (error as { statusCode?: number }).statusCode === 413;
        if (tooLarge) options.logger.warn("request body over the size limit");
        HTTPModuleFunctions.buildNoBodyResponse(res, tooLarge ? 413 : 400);
        return;
      }
      const parsed = parseBody(buffered);
      if (!isSslCheck(parsed)) {
        const signed = checkSignature(req, buffered.rawBody, options.signingSecret, nowMs());
        if (!signed.ok) return refuse(res, signed);
        if (!parsed.ok) return refuse(res, parsed);
      }
      // Bolt reads the buffered body again (it keeps `rawBody`); its own verification is off.
      boltListener(buffered, res);
    })().catch((error) => {
      options.logger.error({ err: error }, "request to /slack/events failed before reaching Bolt");
      if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, 500);
      else res.end();
    });
  };
}
