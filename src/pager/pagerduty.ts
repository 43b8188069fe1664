// PagerDuty Events API v2 (POST /v2/enqueue): trigger, acknowledge and resolve one alert per
// page, keyed by the page's dedup_key, so a repeated trigger lands on the same alert.
// The routing key is the team's or person's from the targets file, else PAGERDUTY_ROUTING_KEY.
import type { PagerTargets } from "../domain/paging/targets.ts";
import { callPager, type PagerHttp } from "./http-call.ts";
import type { PageCall } from "./page-call.ts";
import { pageSummary } from "./page-call.ts";

export interface PagerDutySettings {
  routingKey: string | undefined;
  eventsUrl: string;
}

export function pagerDutyRoutingKey(
  settings: PagerDutySettings,
  targets: PagerTargets,
  page: PageCall["page"],
): string | undefined {
  const own =
    page.targetKind === "team"
      ? targets.teams.find((t) => t.name === page.targetId)?.pagerduty
      : targets.people.find((p) => p.slackId === page.targetId)?.pagerduty;
  return own ?? settings.routingKey;
}

const SEVERITY: Record<number, string> = { 1: "critical", 2: "error", 3: "warning", 4: "info" };

export function pagerDutyEvent(call: PageCall, routingKey: string) {
  const base = { routing_key: routingKey, dedup_key: call.page.dedupKey };
  if (call.action !== "trigger") return { ...base, event_action: call.action };
  return {
    ...base,
    event_action: "trigger",
    payload: {
      summary: pageSummary(call, 1024),
      source: "incident-bot",
      severity: SEVERITY[call.incident.severity] ?? "critical",
      component: call.page.targetKind === "team" ? call.page.targetId : undefined,
      class: call.page.source,
      custom_details: {
        incident: call.incident.number,
        target: call.page.targetId,
        ...(call.page.email ? { email: call.page.email } : {}),
        reason: call.page.reason,
      },
    },
    ...(call.channelUrl ? { links: [{ href: call.channelUrl, text: "Incident channel in Slack" }] } : {}),
  };
}

/** Sends one step; PagerDuty answers 202 {status, message, dedup_key}. */
export async function sendToPagerDuty(
  http: PagerHttp,
  settings: PagerDutySettings,
  routingKey: string,
  call: PageCall,
): Promise<{ dedupKey: string }> {
  await callPager(http, "pagerduty", `pagerduty ${call.action}`, settings.eventsUrl, {
    headers: { "content-type": "application/json" },
    body: JSON.stringify(pagerDutyEvent(call, routingKey)),
  });
  return { dedupKey: call.page.dedupKey };
}
