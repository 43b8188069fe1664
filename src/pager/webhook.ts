// The signed paging webhook: every step of every page as a JSON POST that receivers verify.
//   X-Incident-Bot-Timestamp: unix seconds when it was signed
//   X-Incident-Bot-Signature: v1=<hex HMAC-SHA256(PAGE_WEBHOOK_SECRET, `${timestamp}.${body}`)>
//   Idempotency-Key: <dedupKey>:<action> (the same for every retry of one step)
// Receivers should refuse timestamps more than five minutes old and compare in constant time.
import { createHmac } from "node:crypto";
import { callPager, type PagerHttp } from "./http-call.ts";
import type { PageCall } from "./page-call.ts";
import { pageSummary } from "./page-call.ts";

export interface WebhookSettings {
  url: string;
  secret: string;
}

export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export function webhookBody(call: PageCall) {
  const { page, incident } = call;
  return {
    type: `page.${call.action === "trigger" ? "triggered" : call.action === "acknowledge" ? "acknowledged" : "resolved"}`,
    dedupKey: page.dedupKey,
    summary: pageSummary(call, 300),
    incident: { number: incident.number, severity: incident.severity, channelUrl: call.channelUrl },
    target: { kind: page.targetKind, id: page.targetId, email: page.email },
    reason: page.reason,
    source: page.source,
    by: call.byName,
  };
}

export async function sendToWebhook(
  http: PagerHttp,
  settings: WebhookSettings,
  call: PageCall,
): Promise<{ delivered: true }> {
  const body = JSON.stringify(webhookBody(call));
  // Wall time, not the app clock: receivers compare it with their own clock to refuse replays.
  const timestamp = String(Math.floor(Date.now() / 1000));
  await callPager(http, "webhook", `webhook ${call.action}`, settings.url, {
    headers: {
      "content-type": "application/json",
      "x-incident-bot-timestamp": timestamp,
      "x-incident-bot-signature": webhookSignature(settings.secret, timestamp, body),
      "idempotency-key": `${call.page.dedupKey}:${call.action}`,
    },
    body,
  });
  return { delivered: true };
}
