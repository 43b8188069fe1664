// Slack's request signature as the guard in front of Bolt checks it (src/slack/request-guard.ts):
// the v0 HMAC of `v0:{timestamp}:{body}`, compared in constant time, with the timestamp within
// five minutes of now either way. Signed here the way Slack documents it, independently of the
// code under test, so a check that accepted anything (or refused everything) would fail.
import { createHmac } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { checkSignature, MAX_REQUEST_AGE_SECONDS } from "../../../src/slack/request-guard.ts";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const NOW_MS = 1_765_000_000_000;
const NOW_S = NOW_MS / 1000;
const BODY = "token=x&team_id=T1&command=%2Fincident&text=update+API+errors+back+to+normal&user_id=U1";

function slackSignature(body: string, timestamp: number | string, secret = SECRET): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

function request(headers: Record<string, string>): IncomingMessage {
  return { headers } as unknown as IncomingMessage;
}

function signed(
  body: string,
  timestamp: number | string = NOW_S,
  signature = slackSignature(body, timestamp),
) {
  return request({ "x-slack-signature": signature, "x-slack-request-timestamp": String(timestamp) });
}

const verdict = (req: IncomingMessage, body: Buffer | string = BODY, secret = SECRET) =>
  checkSignature(req, body, secret, NOW_MS);

describe("Slack request signatures", () => {
  it("accepts a request signed as Slack signs it, given the body as bytes or as text", () => {
    expect(verdict(signed(BODY), Buffer.from(BODY))).toEqual({ ok: true });
    expect(verdict(signed(BODY), BODY)).toEqual({ ok: true });
    const unicode = '{"text":"región eu-west ✅ back"}';
    expect(verdict(signed(unicode), Buffer.from(unicode))).toEqual({ ok: true });
  });

  it("refuses a body changed after signing, another secret, and one wrong digit", () => {
    expect(verdict(signed(BODY), `${BODY}&is_enterprise_install=true`)).toMatchObject({
      ok: false,
      status: 401,
      reason: "signature mismatch",
    });
    expect(verdict(signed(BODY, NOW_S, slackSignature(BODY, NOW_S, "another secret")))).toMatchObject({
      ok: false,
      reason: "signature mismatch",
    });
    const good = slackSignature(BODY, NOW_S);
    const last = good.at(-1) === "0" ? "1" : "0";
    expect(verdict(signed(BODY, NOW_S, `${good.slice(0, -1)}${last}`))).toMatchObject({
      ok: false,
      reason: "signature mismatch",
    });
  });

  it("refuses a signature for another timestamp than the one sent", () => {
    const req = request({
      "x-slack-signature": slackSignature(BODY, NOW_S - 10),
      "x-slack-request-timestamp": String(NOW_S),
    });
    expect(verdict(req)).toMatchObject({ ok: false, reason: "signature mismatch" });
  });

  it("refuses signatures of another version or shape without comparing them", () => {
    const digest = slackSignature(BODY, NOW_S).slice("v0=".length);
    for (const signature of [
      `v1=${digest}`,
      digest,
      `v0=${digest.slice(2)}`,
      `v0=${digest}00`,
      `v0=${digest.toUpperCase()}`,
      "v0=",
      "bad",
    ]) {
      expect(verdict(signed(BODY, NOW_S, signature)), signature).toMatchObject({
        ok: false,
        status: 401,
        reason: "signature is not v0 followed by 64 hex digits",
      });
    }
  });

  it("refuses an unsigned request, and any request when no signing secret is configured", () => {
    expect(verdict(request({}))).toMatchObject({ ok: false, status: 401, reason: "unsigned request" });
    expect(verdict(request({ "x-slack-request-timestamp": String(NOW_S) }))).toMatchObject({
      reason: "unsigned request",
    });
    // Signed with the empty secret: still refused, or an unconfigured bot would take anything.
    expect(verdict(signed(BODY, NOW_S, slackSignature(BODY, NOW_S, "")), BODY, "")).toMatchObject({
      ok: false,
      reason: "no signing secret is configured",
    });
  });

  it("accepts timestamps up to five minutes either side of now, and refuses beyond", () => {
    for (const offset of [-MAX_REQUEST_AGE_SECONDS, 0, MAX_REQUEST_AGE_SECONDS])
      expect(verdict(signed(BODY, NOW_S + offset)), String(offset)).toEqual({ ok: true });
    for (const offset of [-MAX_REQUEST_AGE_SECONDS - 1, MAX_REQUEST_AGE_SECONDS + 1])
      expect(verdict(signed(BODY, NOW_S + offset)), String(offset)).toMatchObject({
        ok: false,
        reason: "request timestamp more than 5 minutes from now",
      });
    expect(verdict(signed(BODY, "soon"))).toMatchObject({
      ok: false,
      reason: "request timestamp more than 5 minutes from now",
    });
  });
});
