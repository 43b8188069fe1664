// The gate in front of Bolt's HTTP receiver for POST /slack/events. Bolt parses the body of a
// signed request and reads fields off it without checking it is an object: a signed body of
// JSON `null` (or `payload=null`) throws a TypeError inside Bolt's request handler, outside
// any listener, and takes the process down. So every request is read, its signature checked
// and its body parsed here first, exactly as Bolt will parse it; anything that is not a JSON
// object gets 400 and never reaches Bolt.
import type { IncomingMessage, ServerResponse } from "node:http";
import { HTTPModuleFunctions, type HTTPReceiver, verifySlackRequest } from "@slack/bolt";
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

/**
 * Whether the signature is Slack's: v0 HMAC (Bolt's check), with a timestamp within five
 * minutes of now in both directions. Bolt refuses only old timestamps, so a request stamped
 * in the future (a clock-skewed or forged replay) would stay replayable until that time.
 */
export function checkSignature(
  req: IncomingMessage,
  body: string,
  signingSecret: string,
  nowMs: number,
): Verdict {
  const signature = header(req, "x-slack-signature");
  const timestamp = header(req, "x-slack-request-timestamp");
  if (!signature || !timestamp) return { ok: false, status: 401, reason: "unsigned request" };
  const seconds = Number(timestamp);
  if (!Number.isFinite(seconds) || Math.abs(nowMs / 1000 - seconds) > MAX_REQUEST_AGE_SECONDS)
    return { ok: false, status: 401, reason: "request timestamp more than 5 minutes from now" };
  try {
    verifySlackRequest({
      signingSecret,
      body,
      headers: { "x-slack-signature": signature, "x-slack-request-timestamp": seconds },
      nowMilliseconds: nowMs,
    });
  } catch (error) {
    return { ok: false, status: 401, reason: (error as Error).message };
  }
  return { ok: true };
}

/** Whether Bolt will parse the body into a JSON object (form fields, or a `payload` object). */
export function checkBodyShape(req: BufferedRequest): Verdict {
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
  return { ok: true };
}

type BufferedRequest = Parameters<typeof HTTPModuleFunctions.parseHTTPRequestBody>[0];

function isSslCheck(req: IncomingMessage, body: string): boolean {
  // Slack's unsigned SSL check: Bolt answers it (and strips anything else from the body).
  return (
    req.headers["content-type"] === "application/x-www-form-urlencoded" &&
    new URLSearchParams(body).get("ssl_check") === "1"
  );
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
      const body = buffered.rawBody.toString();
      if (!isSslCheck(req, body)) {
        const signed = checkSignature(req, body, options.signingSecret, nowMs());
        if (!signed.ok) return refuse(res, signed);
        const shaped = checkBodyShape(buffered);
        if (!shaped.ok) return refuse(res, shaped);
      }
      // Bolt reads the buffered body again (it keeps `rawBody`) and verifies it once more.
      boltListener(buffered, res);
    })().catch((error) => {
      options.logger.error({ err: error }, "request to /slack/events failed before reaching Bolt");
      if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, 500);
      else res.end();
    });
  };
}
